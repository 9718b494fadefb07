import { loadForums } from '@app/config';
import * as path from 'node:path';
import { forumMatcher } from './forum-matcher';
import { classifySentence, type ClassifyContext, type Finding } from './phrase-classifier';

/**
 * Every phrase the classifier lists, each in a sentence where it alone decides what is read: a phrase that
 * drops out of its list, or stops matching, fails its row. The sentences are written as the minutes write.
 */
const ctx: ClassifyContext = {
  forums: forumMatcher(loadForums(path.join(__dirname, '../../../config/forums.json'))),
  timeZone: 'Europe/Copenhagen',
  ownForumId: 'styregruppen',
  meetingDate: '2025-10-10',
  discussion: false,
};
const findings = (sentence: string): Finding[] => classifySentence(sentence, ctx).findings;
const of = <K extends Finding['kind']>(sentence: string, kind: K) => findings(sentence).find((f) => f.kind === kind) as Extract<Finding, { kind: K }> | undefined;

describe('every phrase the classifier lists', () => {
  describe('approved', () => {
    it.each([
      // The forum, or the words for the forum that meets, then its verb.
      ['Styregruppen godkendte planen for temadagen', 'godkendte'],
      ['Styregruppen godkender planen for temadagen', 'godkender'],
      ['Styregruppen tiltrådte indstillingen', 'tiltrådte'],
      ['Styregruppen tiltræder indstillingen', 'tiltræder'],
      ['Gruppen godkendte planen for temadagen', 'gruppen'],
      ['Forummet godkendte planen for temadagen', 'forummet'],
      ['Udvalget godkendte planen for temadagen', 'udvalget'],
      ['Mødet godkendte planen for temadagen', 'mødet'],
      // What was approved, then the verb, with or without "blev" or "er".
      ['Indstillingen blev godkendt med en enkelt rettelse', 'indstillingen blev godkendt'],
      ['Indstillingerne godkendes uden bemærkninger', 'indstillingerne godkendes'],
      ['Dagsordenen er godkendt som udsendt', 'dagsordenen er godkendt'],
      ['Referatet tiltrådtes uden bemærkninger', 'referatet tiltrådtes'],
      ['Forslaget tiltrædes med de nævnte justeringer', 'forslaget tiltrædes'],
      ['Notatet blev tiltrådt af alle', 'notatet blev tiltrådt'],
      ['Planen godkendes som fremlagt', 'planen godkendes'],
      ['Kommissoriet blev godkendt med en tilføjelse om økonomi', 'kommissoriet blev godkendt'],
      // A bullet of one word.
      ['Godkendt.', 'godkendt'],
      ['Tiltrådt', 'tiltrådt'],
      // A bullet that says with what change: still approved.
      ['Godkendt med den tilføjelse, at Region Sjælland deltager i arbejdsgruppen.', 'godkendt med'],
      ['Tiltrådt med de ændringer, der blev aftalt på mødet', 'tiltrådt med'],
      ['Godkendt uden bemærkninger', 'godkendt uden'],
    ])('%s (%s)', (sentence) => {
      expect(of(sentence, 'outcome')).toEqual({ kind: 'outcome', outcome: 'approved', byForum: true });
    });
  });

  describe('noted', () => {
    it.each([
      ['Styregruppen tog orienteringen til efterretning', 'tog'],
      ['Styregruppen tager status til efterretning', 'tager'],
      ['Orienteringen tages til efterretning', 'tages'],
      ['Orienteringen blev taget til efterretning', 'taget'],
    ])('%s (%s)', (sentence) => {
      expect(of(sentence, 'outcome')).toEqual({ kind: 'outcome', outcome: 'noted', byForum: true });
    });
  });

  describe('decided', () => {
    it.each([
      ['Styregruppen besluttede at holde temadagen i Ringsted', 'besluttede', true],
      ['Styregruppen vedtog at holde temadagen i Ringsted', 'vedtog', true],
      // Without the forum as the one who decides: still a decision, said in passing.
      ['Efter en kort drøftelse besluttede formanden at lukke punktet', 'besluttede', false],
      ['Det blev besluttet at holde temadagen i Ringsted', 'besluttet', false],
      ['Det besluttes at holde temadagen i Ringsted', 'besluttes', false],
      ['Efter en kort drøftelse vedtog formanden at lukke punktet', 'vedtog', false],
      ['Det blev vedtaget at holde temadagen i Ringsted', 'vedtaget', false],
      ['Det vedtages at holde temadagen i Ringsted', 'vedtages', false],
    ])('%s (%s)', (sentence, _phrase, byForum) => {
      expect(of(sentence, 'outcome')).toEqual({ kind: 'outcome', outcome: 'decided', byForum });
    });
  });

  describe('postponed', () => {
    it.each([
      ['Punktet udsættes til styregruppemødet 14/11', 'udsættes'],
      ['Formanden udsætter punktet til styregruppemødet 14/11', 'udsætter'],
      ['Formanden udsatte punktet til styregruppemødet 14/11', 'udsatte'],
      ['Punktet blev udsat til styregruppemødet 14/11', 'udsat til'],
      ['Punktet udskydes til styregruppemødet 14/11', 'udskydes'],
      ['Punktet er udskudt til styregruppemødet 14/11', 'udskudt til'],
      ['Punktet flyttes til styregruppemødet 14/11', 'flyttes til'],
      ['Punktet overføres til styregruppemødet 14/11', 'overføres til'],
    ])('%s (%s)', (sentence) => {
      expect(of(sentence, 'postponement')).toMatchObject({ forumId: 'styregruppen', meetingDate: '2025-11-14' });
    });

    it.each([
      ['Punktet flyttes til næste møde', false],
      ['Punktet overføres til næste styregruppemøde', false],
      ['Punktet udskydes', true],
    ])('%s: to the next meeting, guessed where the sentence does not say "næste"', (sentence, targetGuessed) => {
      expect(of(sentence, 'postponement')).toMatchObject({ next: true, targetGuessed });
    });
  });

  describe('forwarded', () => {
    it.each([
      ['Sagen videresendes til K17', 'videresendes'],
      ['Styregruppen videresender sagen til K17', 'videresender'],
      ['Sagen sendes videre til K17', 'sendes videre'],
      ['Formanden sender sagen videre til K17', 'sender sagen videre'],
      ['Formanden vil sende sagen videre til K17', 'sende sagen videre'],
      ['Styregruppen besluttede at sende forslaget videre til K17', 'sende forslaget videre'],
      ['Styregruppen sender det reviderede notat videre til K17', 'sender det reviderede notat videre'],
      ['Sagen er sendt videre til K17', 'sendt videre'],
      ['Notatet oversendes til K17', 'oversendes'],
      ['Sagen rejses i K17', 'rejses i'],
      ['Formanden vil rejse sagen på mødet i K17', 'rejse sagen på'],
      ['Sagen rejses hos K17', 'rejses hos'],
      ['Sagen rejses over for K17', 'rejses over for'],
      ['Sagen tages op i K17', 'tages op i'],
      ['Formanden vil tage det med på mødet i K17', 'tage det med på'],
      ['Dette tages med i K17', 'tages med i'],
      ['Formanden vil tage dette op i K17', 'tage dette op i'],
      ['Formanden vil tage sagen op i K17', 'tage sagen op i'],
      ['Problemet adresseres i K17', 'adresseres i'],
      ['Problemet adresseres på mødet i K17', 'adresseres på'],
      ['Sekretariatet vil adressere over for K17, at ventelisterne vokser', 'adressere over for'],
      ['Sagen forelægges for K17', 'forelægges for'],
      ['Sagen forelægges i K17', 'forelægges i'],
      ['Sekretariatet vil forelægge for K17, hvordan taksterne udvikler sig', 'forelægge for'],
      ['Sagen løftes til K17', 'løftes til'],
      ['Sagen løftes i K17', 'løftes i'],
      ['Analysen fremlægges for K17', 'fremlægges for'],
      ['Analysen fremlægges på mødet i K17', 'fremlægges på'],
      ['Der aftales en fremlæggelse i K17', 'fremlæggelse i'],
      ['Oplægget er klar til fremlæggelse på mødet i K17', 'til fremlæggelse på'],
    ])('%s (%s)', (sentence) => {
      expect(of(sentence, 'forward')).toMatchObject({ forumIds: ['k17'] });
    });

    it.each([
      ['Sagen videresendes til K17 til orientering', 'information'],
      ['Sagen videresendes til K17 til efterretning', 'information'],
      ['Sagen videresendes til K17 med orientering af direktørerne', 'information'],
      ['Sagen videresendes som orientering til K17', 'information'],
      ['Sagen videresendes til K17 til beslutning', 'decision'],
      ['Sagen videresendes til K17 til godkendelse', 'decision'],
      ['Sagen videresendes til K17 til behandling', 'decision'],
      ['Sagen videresendes til K17 til stillingtagen', 'decision'],
      ['Sagen videresendes til KKR til politisk behandling', 'decision'],
      ['Sagen videresendes til K17 med henblik på beslutning', 'decision'],
      ['Sagen videresendes til K17 med henblik på godkendelse', 'decision'],
      ['Sagen videresendes til K17 med henblik på stillingtagen', 'decision'],
      ['Sagen videresendes til K17', undefined],
    ])('%s: purpose %s', (sentence, purpose) => {
      expect(of(sentence, 'forward')?.purpose).toBe(purpose);
    });

    it.each([
      ['Sagen videresendes til K17 og til kommunerne', ['kommunerne']],
      ['Sagen videresendes til K17 og til regionen', ['regionen']],
      ['Sagen videresendes til K17 og til byrådene', ['byrådene']],
      ['Sagen videresendes til K17 og til kommunalbestyrelserne', ['kommunalbestyrelserne']],
      ['Sagen videresendes til K17 og til KL', ['KL']],
      ["Sagen videresendes til K17 og til KL's koordinationsforum", []],
    ])('%s: names %j as recipients that are no forum', (sentence, otherRecipients) => {
      expect(of(sentence, 'forward')?.otherRecipients).toEqual(otherRecipients);
    });
  });

  describe('follow-ups', () => {
    // Active: the one who acts stands before the verb and owns the follow-up.
    it.each([
      ['Slagelse Kommune følger op på ventelisterne', 'følger op', 'Slagelse Kommune'],
      ['Køge Kommune kontakter KORA om evalueringen', 'kontakter', 'Køge Kommune'],
      ['Lejre Kommune bedes om at levere tallene', 'bedes', 'Lejre Kommune'],
      ['Næstved Kommune inviterer direktøren for Socialtilsyn Øst', 'inviterer', 'Næstved Kommune'],
      ['Roskilde Kommune udarbejder et notat om takster', 'udarbejder', 'Roskilde Kommune'],
      ['Ringsted Kommune udsender materialet', 'udsender', 'Ringsted Kommune'],
      ['Holbæk Kommune fremsender tallene', 'fremsender', 'Holbæk Kommune'],
      ['Sorø Kommune sender tallene til sekretariatet', 'sender', 'Sorø Kommune'],
      ['Faxe Kommune indkalder til et ekstra møde', 'indkalder', 'Faxe Kommune'],
      ['Greve Kommune undersøger muligheden for fælles indkøb', 'undersøger', 'Greve Kommune'],
      ['Stevns Kommune sørger for lokalet', 'sørger for', 'Stevns Kommune'],
    ])('%s (%s)', (sentence, _phrase, owner) => {
      expect(of(sentence, 'follow-up')).toMatchObject({ followUpKind: 'action', owners: [{ kind: 'municipality', name: owner }], ownerGuessed: false });
    });

    // Passive or infinitive: nobody is named, so the secretariat is put in, and the review says it was a guess,
    // also where a name stands right before the verb: a passive verb's subject is what is done, not who does it.
    it.each([
      ['Ventelisterne følges op af Køge Kommune', 'følges op'],
      ['Køge Kommune vil følge op på ventelisterne', 'følge op'],
      ['KORA kontaktes om evalueringen', 'kontaktes'],
      ['Køge Kommune skal kontakte KORA om evalueringen', 'kontakte'],
      ['Overblikket deles med styregruppen', 'deles med'],
      ['Tallene deles løbende med alle kommuner', 'deles ... med'],
      ['Direktøren for Socialtilsyn Øst inviteres', 'inviteres'],
      ['Oplægget udarbejdes', 'udarbejdes'],
      ['Materialet udsendes', 'udsendes'],
      ['Tallene fremsendes', 'fremsendes'],
      ['Bilaget eftersendes', 'eftersendes'],
      ['Strategien sendes i høring', 'sendes i høring'],
      ['Styregruppen indkaldes til et ekstra møde', 'indkaldes'],
      ['Muligheden undersøges nærmere', 'undersøges'],
    ])('%s (%s)', (sentence) => {
      expect(of(sentence, 'follow-up')).toMatchObject({ followUpKind: 'action', owners: [{ kind: 'secretariat', name: 'Sekretariatet' }], ownerGuessed: true });
    });

    it.each([
      ['Styregruppen afventer svar fra Socialstyrelsen', 'afventer', [{ kind: 'external', name: 'Socialstyrelsen' }]],
      ['Der afventes svar fra Ankestyrelsen', 'afventes', [{ kind: 'external', name: 'Ankestyrelsen' }]],
      ['Sekretariatet vil afvente svar fra VIVE', 'afvente', [{ kind: 'external', name: 'VIVE' }]],
      ['Der forventes endeligt svar fra Sundhedsstyrelsen', 'forventes ... svar', [{ kind: 'external', name: 'Sundhedsstyrelsen' }]],
      ['Styregruppen forventer et svar fra KORA', 'forventer ... svar', [{ kind: 'external', name: 'KORA' }]],
    ])('%s (%s)', (sentence, _phrase, owners) => {
      expect(of(sentence, 'follow-up')).toMatchObject({ followUpKind: 'awaiting', owners, ownerGuessed: false });
    });

    it.each([
      ['Materialet udsendes forud for mødet', { beforeMeetingOfForumId: 'styregruppen', text: 'forud for mødet' }],
      ['Materialet udsendes inden mødet', { beforeMeetingOfForumId: 'styregruppen', text: 'inden mødet' }],
      ['Materialet udsendes før næste møde', { beforeMeetingOfForumId: 'styregruppen', text: 'før næste møde' }],
      ['Materialet udsendes inden det møde, hvor sagen behandles', { beforeMeetingOfForumId: 'styregruppen', text: 'inden det møde' }],
      ['Materialet udsendes forud for mødet i K17', { beforeMeetingOfForumId: 'k17', text: 'forud for mødet' }],
      ['Materialet udsendes til næste møde', { nextMeeting: true, forumId: 'styregruppen', text: 'næste møde' }],
      ['Materialet udsendes til næste møde i K17', { nextMeeting: true, forumId: 'k17', text: 'næste møde i K17' }],
      ['Materialet udsendes senest 1/12', { date: '2025-12-01', yearGuessed: true, text: '1/12' }],
      ['Materialet udsendes primo 2026', { date: '2026-01-01', fuzzy: 'primo', text: 'primo 2026' }],
      ['Materialet udsendes medio november', { date: '2025-11-15', fuzzy: 'medio', yearGuessed: true, text: 'medio november' }],
      ['Materialet udsendes ultimo 2025', { date: '2025-12-31', fuzzy: 'ultimo', text: 'ultimo 2025' }],
      ['Materialet udsendes', undefined],
    ])('%s: due %j', (sentence, due) => {
      expect(of(sentence, 'follow-up')?.due).toEqual(due);
    });
  });

  describe('the case comes back, and meetings to plan', () => {
    it.each([
      'Sagen genbehandles på næste styregruppemøde',
      'Punktet genbehandles',
      'Der orienteres om status igen på næste møde',
      'Drøftelsen genoptages på næste møde',
      'Sagen er på dagsordenen til næste møde',
      'Punktet kommer på næste møde',
    ])('%s', (sentence) => {
      expect(findings(sentence)).toEqual([{ kind: 'returns-next-meeting' }]);
    });

    it.each(['Næste møde afholdes 12/12', 'Næste møde er planlagt til 12/12', 'Næste møde holdes 12/12 kl. 10-13'])('%s', (sentence) => {
      expect(findings(sentence)).toEqual([{ kind: 'meeting' }]);
    });
  });

  describe('what is said, not decided', () => {
    // Each sentence reports an event ("følger op"); it is a remark only because of how it is said.
    it.each([
      'Det blev nævnt at sekretariatet følger op',
      'Det blev også betonet at sekretariatet følger op',
      'Det blev fremhævet at sekretariatet følger op',
      'Det blev bemærket at sekretariatet følger op',
      'Det blev drøftet at sekretariatet følger op',
      'Det blev oplyst at sekretariatet følger op',
      'Det blev understreget at sekretariatet følger op',
      'Der blev udtrykt ønske om at sekretariatet følger op',
      'Der blev orienteret om at sekretariatet følger op',
      'Der blev også nævnt at sekretariatet følger op',
      'Der blev drøftet om sekretariatet følger op',
      'Der blev spurgt om sekretariatet følger op',
      'Afslutningsvis blev det aftalt at sekretariatet følger op',
      'Efterfølgende blev det aftalt at sekretariatet følger op',
      'STØ nævnte at sekretariatet følger op',
      'STØ fortalte at sekretariatet følger op',
      'STØ oplyste at sekretariatet følger op',
      'STØ orienterede om at sekretariatet følger op',
      'STØ fremhævede at sekretariatet følger op',
      'STØ understregede at sekretariatet følger op',
      'Ift. økonomien, det blev nævnt at sekretariatet følger op',
    ])('%s', (sentence) => {
      expect(classifySentence(sentence, ctx)).toEqual({ findings: [], remark: true });
    });

    it.each([
      'Det blev foreslået at sagen videresendes til K17',
      'Det blev også foreslået at sagen videresendes til K17',
      'Der blev også foreslået at sagen videresendes til K17',
      'Fra K17 blev det foreslået at sagen videresendes til KKR',
      'Formanden foreslog at sagen videresendes til K17',
    ])('%s: a proposal, left for a person', (sentence) => {
      expect(classifySentence(sentence, ctx)).toEqual({ findings: [], remark: false, reason: expect.stringMatching(/forslag/) });
    });
  });
});
