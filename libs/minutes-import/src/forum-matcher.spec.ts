import { loadForums } from '@app/config';
import * as path from 'node:path';
import { forumMatcher } from './forum-matcher';
import type { MinutesForum } from './review-report';

const shipped = forumMatcher(loadForums(path.join(__dirname, '../../../config/forums.json')));
const found = (text: string, matcher = shipped) => matcher.mentions(text).map((m) => [m.forumId, m.text]);

describe('forum matcher', () => {
  describe('with the forums shipped in config/forums.json', () => {
    it.each([
      ['Referat Styregruppemøde', 'styregruppen', 'Styregruppemøde'],
      ['Sagen forelægges styregruppens medlemmer', 'styregruppen', 'styregruppens'],
      ['Sagen videresendes til K17.', 'k17', 'K17'],
      ['Nyt fra KKR om takster', 'kkr-sjaelland', 'KKR'],
      ['Sagen sendes til KKR  Sjælland', 'kkr-sjaelland', 'KKR  Sjælland'],
      ["Sagen rejses i KL's koordinationsforum", 'kl-koordinationsforum', "KL's koordinationsforum"],
      ['Sagen rejses i KL’s koordinationsforum', 'kl-koordinationsforum', 'KL’s koordinationsforum'],
      ['Det tages med i Koordinationsforum i KL', 'kl-koordinationsforum', 'Koordinationsforum i KL'],
      ['Oplægget fremlægges på direktør- og chefforum', 'direktoer-og-chefforum', 'direktør- og chefforum'],
      ['Oplægget fremlægges på Direktør & chefforum', 'direktoer-og-chefforum', 'Direktør & chefforum'],
      ['Der orienteres på direktør- og chefmødet', 'direktoer-og-chefforum', 'direktør- og chefmødet'],
      ['Sagen forelægges KKR-dialogforum', 'kkr-dialogforum', 'KKR-dialogforum'],
      ['Status fra implementeringsgruppemødet', 'implementeringsgruppen', 'implementeringsgruppemødet'],
      ['Økonomigruppen har set på taksterne', 'oekonomigruppen', 'Økonomigruppen'],
    ])('finds "%s" as %s', (text, forumId, mention) => {
      expect(found(text)).toEqual([[forumId, mention]]);
    });

    it('prefers the longer name to the abbreviation it starts with: KKR Dialogforum is not KKR Sjælland', () => {
      expect(found('KKR Dialogforum og KKR Sjælland')).toEqual([
        ['kkr-dialogforum', 'KKR Dialogforum'],
        ['kkr-sjaelland', 'KKR Sjælland'],
      ]);
    });

    it('does not take a meeting or people of an abbreviated forum for the forum', () => {
      expect(found('Punktet drøftes på K17-mødet, og KKR-formandskabet orienteres')).toEqual([]);
      expect(found('Det rejses via K17 repræsentanterne og K17-repræsentanten')).toEqual([]);
    });

    it('does not find a name inside another word', () => {
      expect(found('Delstyregruppen og AK17 mødes')).toEqual([]);
    });
  });

  describe('with a forum added to the list by its name alone', () => {
    const psykiatrigruppen: MinutesForum = { id: 'psykiatrigruppen', name: 'Psykiatrigruppen' };
    const ppr: MinutesForum = { id: 'ppr', name: 'PPR', aliases: ['Pædagogisk Psykologisk Rådgivning'] };
    const matcher = forumMatcher([psykiatrigruppen, ppr]);

    it('finds its name in any case and inflected', () => {
      expect(found('Sagen videresendes til psykiatrigruppens næste møde', matcher)).toEqual([['psykiatrigruppen', 'psykiatrigruppens']]);
    });

    it('reads a name that ends in a capital as an abbreviation, and finds its aliases', () => {
      expect(found('Sagen sendes til PPR, ikke til PPR-mødet', matcher)).toEqual([['ppr', 'PPR']]);
      expect(found('Pædagogisk Psykologisk Rådgivning orienteres', matcher)).toEqual([['ppr', 'Pædagogisk Psykologisk Rådgivning']]);
    });

    it('finds no forum that is not in the list, and names only those that are', () => {
      expect(found('Sagen videresendes til Styregruppen og K17', matcher)).toEqual([]);
      expect([matcher.name('ppr'), matcher.name('styregruppen')]).toEqual(['PPR', 'styregruppen']);
    });
  });
});
