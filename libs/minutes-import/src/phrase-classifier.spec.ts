import { loadForums } from '@app/config';
import * as path from 'node:path';
import { forumMatcher } from './forum-matcher';
import { classifySentence, toOwner, type ClassifyContext, type Finding } from './phrase-classifier';

const shipped = loadForums(path.join(__dirname, '../../../config/forums.json'));
const ctx: ClassifyContext = {
  forums: forumMatcher(shipped),
  timeZone: 'Europe/Copenhagen',
  ownForumId: 'styregruppen',
  meetingDate: '2025-10-10',
  discussion: false,
};
const findings = (sentence: string, c: Partial<ClassifyContext> = {}) => classifySentence(sentence, { ...ctx, ...c }).findings;
const kinds = (sentence: string) => findings(sentence).map((f) => f.kind);
const of = <K extends Finding['kind']>(list: Finding[], kind: K) => list.find((f) => f.kind === kind) as Extract<Finding, { kind: K }>;

describe('phrase classifier', () => {
  describe('outcomes', () => {
    it.each([
      ['Styregruppen godkendte dagsordenen', 'approved'],
      ['Styregruppen godkendte referatet uden bemærkninger.', 'approved'],
      ['Styregruppen tiltrådte indstillingen', 'approved'],
      ['Indstillingen blev tiltrådt.', 'approved'],
      ['Godkendt.', 'approved'],
      ['Styregruppen tog orienteringen til efterretning', 'noted'],
      ['Orienteringen blev taget til efterretning', 'noted'],
      ['Styregruppen besluttede at temadagen holdes i Ringsted', 'decided'],
    ])('%s → %s', (sentence, outcome) => {
      expect(of(findings(sentence), 'outcome')).toMatchObject({ outcome });
    });

    it('tells a decision of the forum from one said in passing', () => {
      expect(of(findings('Styregruppen besluttede at mødes kvartalsvis'), 'outcome')).toMatchObject({ byForum: true });
      expect(of(findings('Det blev besluttet at følge op'), 'outcome')).toMatchObject({ outcome: 'decided', byForum: false });
    });

    it('does not take another body approving something as our approval', () => {
      expect(kinds('I det økonomiske tilsyn godkender tilsynet tilbuddenes budgetter')).not.toContain('outcome');
    });
  });

  describe('postponements', () => {
    it('reads a named meeting with its time', () => {
      const p = of(findings('Punktet udsættes til næste styregruppemøde 14/11, 9-12'), 'postponement');
      expect(p).toMatchObject({
        meetingDate: '2025-11-14',
        forumId: 'styregruppen',
        startsAt: '2025-11-14T09:00:00+01:00',
        endsAt: '2025-11-14T12:00:00+01:00',
        yearGuessed: true,
      });
      expect(p.itemNumber).toBeUndefined();
    });

    it('reads another item postponed from within the agenda approval', () => {
      const list = findings('Styregruppen godkendte dagsordenen med den ændring at punkt 3 om standarder – udsættes til næste styregruppemøde 14/11-2025, 9-12');
      expect(of(list, 'outcome')).toMatchObject({ outcome: 'approved' });
      expect(of(list, 'postponement')).toMatchObject({ itemNumber: 3, meetingDate: '2025-11-14', yearGuessed: false });
    });

    it('reads "til næste møde" without a date as the next meeting', () => {
      expect(of(findings('Punktet udsættes til næste møde'), 'postponement')).toMatchObject({ next: true, targetGuessed: false });
      expect(of(findings('Punktet udsættes.'), 'postponement')).toMatchObject({ next: true, targetGuessed: true });
    });

    it('does not read "(udsat fra 2/5)" as a postponement', () => {
      expect(kinds('Punkter til dagsordenen er bl.a. Kvalitet i samarbejdet (udsat fra 2/5)')).toEqual([]);
    });
  });

  describe('forwards', () => {
    it.each([
      ['Sagen videresendes til K17 og KKR til beslutning', ['k17', 'kkr-sjaelland'], 'decision'],
      ['Sagen sendes videre til orientering til K17 og KKR', ['k17', 'kkr-sjaelland'], 'information'],
      ['Sagen videresendes til K17', ['k17'], undefined],
      ['Styregruppen besluttede at notatet videresendes til Koordinationsforum', ['kl-koordinationsforum'], undefined],
      ["Sagen rejses i KL's koordinationsforum", ['kl-koordinationsforum'], undefined],
      ['Dette tages med i Koordinationsforum i KL', ['kl-koordinationsforum'], undefined],
      ['Sagen forelægges for KKR Dialogforum til orientering', ['kkr-dialogforum'], 'information'],
      ['Oplægget er klar til fremlæggelse på direktør- og chefforum', ['direktoer-og-chefforum'], undefined],
    ])('%s', (sentence, forumIds, purpose) => {
      expect(of(findings(sentence), 'forward')).toMatchObject({ forumIds, purpose });
    });

    it('names the recipients that are no forum', () => {
      const f = of(findings('Sagen sendes videre til orientering til K17 og KKR og til kommunerne og regionen i august'), 'forward');
      expect(f.otherRecipients).toEqual(['kommunerne', 'regionen']);
    });

    it('does not take representatives or the chairmanship for the forum', () => {
      const c = classifySentence('Der var enighed om at rejse sagen i KL og via K17 repræsentanterne i styregruppen', ctx);
      expect(c.findings).toEqual([]);
      expect(c.reason).toMatch(/ikke til et kendt forum/);
    });
  });

  describe('follow-ups', () => {
    it('takes the secretariat and a municipality as owners', () => {
      const f = of(findings('Køge og sekretariatet følger op og tager sagen op på møde i økonomigruppen'), 'follow-up');
      expect(f.owners).toEqual([
        { kind: 'municipality', name: 'Køge Kommune' },
        { kind: 'secretariat', name: 'Sekretariatet' },
      ]);
      expect(f.ownerGuessed).toBe(false);
      expect(f.due).toMatchObject({ nextMeeting: true, forumId: 'oekonomigruppen' });
    });

    it('takes a person as owner and a date as due', () => {
      const f = of(findings('Anne Hansen udarbejder et oplæg inden 1/12'), 'follow-up');
      expect(f.owners).toEqual([{ kind: 'person', name: 'Anne Hansen' }]);
      expect(f.due).toMatchObject({ date: '2025-12-01', yearGuessed: true });
    });

    it('puts in the secretariat where the sentence is passive, and says so', () => {
      const f = of(findings('Overblikket deles med styregruppen inden næste møde'), 'follow-up');
      expect(f).toMatchObject({ ownerGuessed: true, owners: [{ kind: 'secretariat' }] });
      expect(f.due).toMatchObject({ beforeMeetingOfForumId: 'styregruppen' });
    });

    it('splits the follow-up clause from a forward and dates it before the forum\'s meeting', () => {
      const list = findings("Sagen rejses i KL's koordinationsforum og dagsorden deles med styregruppen forud for mødet");
      expect(of(list, 'forward').forumIds).toEqual(['kl-koordinationsforum']);
      const f = of(list, 'follow-up');
      expect(f.description).toBe('Dagsorden deles med styregruppen forud for mødet');
      expect(f.due).toMatchObject({ beforeMeetingOfForumId: 'kl-koordinationsforum' });
    });

    it('reads a request to a named body', () => {
      const f = of(findings('Der mangler hjemmel og KKR-formandskabet bedes om at rejse sagen politisk'), 'follow-up');
      expect(f.owners).toEqual([{ kind: 'other', name: 'KKR-formandskabet' }]);
    });

    it('reads an answer awaited from an outside body with a fuzzy due', () => {
      const f = of(findings('Der forventes endeligt svar fra Socialstyrelsen ultimo 2025'), 'follow-up');
      expect(f).toMatchObject({
        followUpKind: 'awaiting',
        owners: [{ kind: 'external', name: 'Socialstyrelsen' }],
        due: { date: '2025-12-31', fuzzy: 'ultimo' },
      });
      const after = of(findings('Styregruppen tog orienteringen til efterretning og herunder ift. at der afventes svar fra Socialstyrelsen ultimo 2025'), 'follow-up');
      expect(after.description).toBe('Der afventes svar fra Socialstyrelsen ultimo 2025');
    });
  });

  describe('a case that comes back', () => {
    it.each([
      'Sagen genbehandles på næste styregruppemøde',
      'Der orienteres om sagen igen på næste styregruppemøde',
      'På næste styregruppe inviteres direktøren med ift. drøftelse af sagen',
    ])('%s', (sentence) => {
      expect(kinds(sentence)).toContain('returns-next-meeting');
    });

    it('does not read the planning of the next meeting as a case coming back', () => {
      expect(kinds('Styregruppen besluttede at næste møde i styregruppen afholdes 8/8-2025, kl. 11-14')).toEqual(['outcome', 'meeting']);
    });
  });

  describe('what is not an event', () => {
    it('is a remark when reported speech or discussion', () => {
      expect(classifySentence('Det blev nævnt at flere kommuner oplever ventelister', ctx)).toEqual({ findings: [], remark: true });
      expect(classifySentence('STØ nævnte at kvaliteten er steget', ctx)).toEqual({ findings: [], remark: true });
      expect(classifySentence('Der er tilfælde hvor tilbud køber private tilsyn', { ...ctx, discussion: true })).toEqual({ findings: [], remark: true });
    });

    it('leaves a proposal and an unknown sentence for a person, with the reason where there is one', () => {
      expect(classifySentence('Det blev foreslået at orientere om sagen på direktør- og chefmøde 13/11', ctx)).toMatchObject({
        findings: [],
        remark: false,
        reason: expect.stringMatching(/forslag/),
      });
      expect(classifySentence('Region Sjælland har erfaring som udfører', ctx)).toEqual({ findings: [], remark: false });
    });

    it('refuses to read a sentence too long to be one', () => {
      expect(classifySentence('a '.repeat(1500), ctx).reason).toMatch(/for lang/);
    });
  });

  describe('toOwner', () => {
    it.each([
      ['Rammeaftalesekretariatet', { kind: 'secretariat', name: 'Sekretariatet' }],
      ['Slagelse Kommune', { kind: 'municipality', name: 'Slagelse Kommune' }],
      ['K17', { kind: 'forum', name: 'K17', forumId: 'k17' }],
      ['Ankestyrelsen', { kind: 'external', name: 'Ankestyrelsen' }],
      ['Maria Brændstrup', { kind: 'person', name: 'Maria Brændstrup' }],
      ['tovholdergruppen', { kind: 'other', name: 'tovholdergruppen' }],
    ])('%s', (name, owner) => {
      expect(toOwner(name, ctx.forums)).toEqual(owner);
    });
  });
});
