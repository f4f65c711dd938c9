/**
 * The words visible dates are written with, as data: month names (full, abbreviated, and the genitive
 * forms Slavic languages use in dates), the words of relative dates, and time-zone abbreviations.
 * Adding a language is adding rows here; the patterns in date-patterns.ts are built from these tables.
 */

/** Month names by language; index 0 is January. Several spellings of one month are separated by "|". */
export const MONTH_NAMES: Readonly<Record<string, readonly string[]>> = {
  en: ['january|jan', 'february|feb', 'march|mar', 'april|apr', 'may', 'june|jun', 'july|jul', 'august|aug', 'september|sept|sep', 'october|oct', 'november|nov', 'december|dec'],
  de: ['januar|jänner|jän', 'februar|feber', 'märz|mär|maerz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober|okt', 'november', 'dezember|dez'],
  fr: ['janvier|janv', 'février|fevrier|févr|fevr|fév', 'mars', 'avril|avr', 'mai', 'juin', 'juillet|juil', 'août|aout', 'septembre', 'octobre', 'novembre', 'décembre|decembre|déc'],
  es: ['enero|ene', 'febrero', 'marzo', 'abril|abr', 'mayo', 'junio', 'julio', 'agosto|ago', 'septiembre|setiembre|sept', 'octubre', 'noviembre', 'diciembre|dic'],
  it: ['gennaio|gen', 'febbraio', 'marzo', 'aprile', 'maggio|mag', 'giugno|giu', 'luglio|lug', 'agosto', 'settembre|sett|set', 'ottobre|ott', 'novembre', 'dicembre'],
  pt: ['janeiro', 'fevereiro|fev', 'março|marco', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro|set', 'outubro|out', 'novembro', 'dezembro|dez'],
  nl: ['januari', 'februari', 'maart|mrt', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober|okt', 'november', 'december'],
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober|okt', 'november', 'december'],
  da: ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'],
  pl: ['stycznia|styczeń|styczen', 'lutego|luty', 'marca|marzec', 'kwietnia|kwiecień|kwiecien', 'maja|maj', 'czerwca|czerwiec', 'lipca|lipiec', 'sierpnia|sierpień|sierpien', 'września|wrzesnia|wrzesień|wrzesien', 'października|pazdziernika|październik|pazdziernik', 'listopada|listopad', 'grudnia|grudzień|grudzien'],
  cs: ['ledna|leden', 'února|unora|únor', 'března|brezna|březen', 'dubna|duben', 'května|kvetna|květen', 'června|cervna|červen', 'července|cervence|červenec', 'srpna|srpen', 'září|zari', 'října|rijna|říjen', 'listopadu', 'prosince|prosinec'],
  ru: ['января|январь|янв', 'февраля|февраль|фев', 'марта|март', 'апреля|апрель|апр', 'мая|май', 'июня|июнь', 'июля|июль', 'августа|август|авг', 'сентября|сентябрь|сен', 'октября|октябрь|окт', 'ноября|ноябрь|ноя', 'декабря|декабрь|дек'],
  uk: ['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня', 'липня', 'серпня', 'вересня', 'жовтня', 'листопада', 'грудня'],
  tr: ['ocak', 'şubat|subat', 'mart', 'nisan', 'mayıs|mayis', 'haziran', 'temmuz', 'ağustos|agustos', 'eylül|eylul', 'ekim', 'kasım|kasim', 'aralık|aralik'],
  fi: ['tammikuuta|tammikuu', 'helmikuuta|helmikuu', 'maaliskuuta|maaliskuu', 'huhtikuuta|huhtikuu', 'toukokuuta|toukokuu', 'kesäkuuta|kesäkuu', 'heinäkuuta|heinäkuu', 'elokuuta|elokuu', 'syyskuuta|syyskuu', 'lokakuuta|lokakuu', 'marraskuuta|marraskuu', 'joulukuuta|joulukuu'],
  hu: ['január', 'február', 'március', 'április', 'május', 'június', 'július', 'augusztus', 'szeptember', 'október', 'november', 'december'],
  ro: ['ianuarie', 'februarie', 'martie', 'aprilie', 'mai', 'iunie', 'iulie', 'august', 'septembrie', 'octombrie', 'noiembrie', 'decembrie'],
  id: ['januari', 'februari', 'maret', 'april', 'mei', 'juni', 'juli', 'agustus', 'september', 'oktober', 'november', 'desember'],
};

/** Words that stand for "today", "yesterday" and the units of "3 days ago" (used only with an anchor date). */
export const RELATIVE_DAY_WORDS: Readonly<Record<string, number>> = {
  today: 0, heute: 0, "aujourd'hui": 0, hoy: 0, oggi: 0, hoje: 0, vandaag: 0, dzisiaj: 0, сегодня: 0,
  yesterday: -1, gestern: -1, hier: -1, ayer: -1, ieri: -1, ontem: -1, gisteren: -1, wczoraj: -1, вчера: -1,
};

/** Units of "N units ago" in several languages, in days (fractions for hours and minutes). */
export const RELATIVE_UNITS: Readonly<Record<string, number>> = {
  minute: 1 / 1440, minutes: 1 / 1440, min: 1 / 1440, mins: 1 / 1440, minuten: 1 / 1440, minuto: 1 / 1440, minutos: 1 / 1440, minuti: 1 / 1440,
  hour: 1 / 24, hours: 1 / 24, hr: 1 / 24, hrs: 1 / 24, stunde: 1 / 24, stunden: 1 / 24, heure: 1 / 24, heures: 1 / 24, hora: 1 / 24, horas: 1 / 24, ora: 1 / 24, ore: 1 / 24,
  day: 1, days: 1, tag: 1, tagen: 1, jour: 1, jours: 1, día: 1, días: 1, dia: 1, dias: 1, giorno: 1, giorni: 1, dag: 1, dagen: 1,
  week: 7, weeks: 7, woche: 7, wochen: 7, semaine: 7, semaines: 7, semana: 7, semanas: 7, settimana: 7, settimane: 7,
};

/** Time-zone abbreviations seen in visible datelines, as offsets from UTC in minutes. */
export const TIME_ZONES: Readonly<Record<string, number>> = {
  utc: 0, gmt: 0, z: 0, wet: 0, bst: 60, ist: 330, cet: 60, mez: 60, cest: 120, mesz: 120, eet: 120, eest: 180, msk: 180,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420, akst: -540, akdt: -480, hst: -600,
  jst: 540, kst: 540, aest: 600, aedt: 660, acst: 570, awst: 480, nzst: 720, nzdt: 780, sgt: 480, hkt: 480,
};

/** Languages that write numeric dates month first (10/07/2013 is October 7th). */
export const MONTH_FIRST_LANGUAGES: ReadonlySet<string> = new Set(['en-us', 'en']);
