/**
 * The words around author names in bylines, as data: what comes before the names ("By", "Von",
 * "Zeige alle Beiträge von"), the job titles and roles that follow them, the notes that are not names
 * ("Updated", "Follow", "5 min read"), and the credentials after a comma ("MD", "PhD").
 */

/** Words a byline starts with before the names, in several languages (matched case-insensitively). */
export const BYLINE_PREFIXES: readonly string[] = [
  'post author by', 'written by', 'posted by', 'published by', 'reported by', 'reporting by', 'story by', 'words by',
  'text by', 'article by', 'recipe by', 'photos by', 'review by', 'view all posts by', 'all posts by', 'more posts by', 'posts by',
  'articles by', 'article by', 'insights from', 'about the author', 'about', 'by',
  'zeige alle beiträge von', 'alle beiträge von', 'weitere beiträge von', 'mehr von', 'geschrieben von', 'ein beitrag von',
  'blog beitrag von', 'blogbeitrag von', 'beitrag von', 'ein artikel von', 'artikel von', 'veröffentlicht von', 'erstellt von',
  'verfasst von', 'gespeichert von', 'eingestellt von', 'alles von', 'text von', 'vom', 'von der', 'von',
  'écrit par', 'publié par', 'rédigé par', 'par', 'por', 'escrito por', 'publicado por', 'escribe', 'di', 'scritto da', 'a cura di', 'door',
  'geschreven door', 'av', 'af', 'przez', 'от', '作者', '文', '記者',
];

/**
 * Labels before the names that are also words a name could hold ("Author", "Text"): prefixes only
 * with a colon ("Autor: Jane Doe", "Post author: ...").
 */
export const BYLINE_LABELS: readonly string[] = [
  'post author', 'author', 'authors', 'autor', 'autorin', 'autoren', 'auteur', 'auteure', 'autore', 'text', 'texte', 'tekst',
  'interview', 'autorzy', 'redacción', 'redakcja', 'автор',
];

/**
 * Role nouns (job titles): a name part that holds one is a role, not a name ("Shipping Expert",
 * "Senior Autos Reporter"), and one trailing a name is cut off ("Rachel MacDonald Writer").
 */
export const ROLE_NOUNS: ReadonlySet<string> = new Set([
  'writer', 'writers', 'editor', 'editors', 'reporter', 'reporters', 'correspondent', 'correspondents', 'contributor', 'contributors',
  'columnist', 'journalist', 'photographer', 'producer', 'intern', 'author', 'authors', 'autor', 'autorin', 'redakteur', 'redakteurin',
  'korrespondent', 'korrespondentin', 'volontär', 'volontärin', 'chefredakteur', 'chefredakteurin', 'experte', 'expertin', 'expert',
  'consultant', 'director', 'manager', 'officer', 'founder', 'cofounder', 'co-founder', 'ceo', 'cto', 'cmo', 'specialist', 'strategist',
  'analyst', 'researcher', 'professor', 'dietitian', 'nutritionist', 'therapist', 'coach', 'instructor', 'engineer', 'developer',
  'designer', 'marketer', 'president', 'chairman', 'spokesperson', 'blogger', 'anchor', 'presenter', 'journaliste', 'rédacteur',
  'rédactrice', 'periodista', 'redactor', 'redactora', 'corresponsal', 'giornalista', 'inviato', 'inviata', 'envoyé', 'envoyée',
  'reviewer', 'coordinator', 'representative', 'scientist', 'economist', 'historian', 'lawyer', 'attorney', 'physician', 'nurse',
  'veterinarian', 'pharmacist', 'psychologist', 'psychotherapist', 'dentist', 'trainer', 'planner', 'advisor', 'adviser', 'broker',
  'pressesprecher', 'pressesprecherin', 'sprecher', 'sprecherin', 'referent', 'referentin', 'educator', 'educators',
  'grader', 'winemaker', 'chef', 'sommelier',
]);

/** Words that qualify a role ("Senior", "Contributing", "Tech"): a part of only these and role nouns is a role. */
export const ROLE_QUALIFIERS: ReadonlySet<string> = new Set([
  'staff', 'senior', 'chief', 'managing', 'deputy', 'associate', 'executive', 'assistant', 'contributing', 'special', 'freelance',
  'guest', 'former', 'lead', 'head', 'political', 'business', 'sports', 'science', 'health', 'technology', 'tech', 'news', 'desk',
  'international', 'national', 'local', 'global', 'economics', 'politics', 'culture', 'opinion', 'affairs', 'content', 'marketing',
  'digital', 'social', 'media', 'product', 'editorial', 'general', 'to', 'the', 'for', 'of', 'and', 'a', 'an', 'in', 'at', 'on',
  'sr', 'jr', 'spécial', 'spéciale', 'autos', 'hardware', 'software', 'travel', 'food', 'features', 'photo', 'photos', 'video',
  'review', 'reviews', 'research', 'audience', 'community', 'creative', 'visual', 'copy', 'commerce', 'shopping', 'deals', 'gaming',
  'entertainment', 'lifestyle', 'fashion', 'beauty', 'finance', 'investing', 'medical', 'legal', 'certified', 'licensed', 'registered',
]);

/** A part that starts with one of these is a note about the article, not a name. */
export const NOTE_STARTS = /^(?:updated|update|published|posted|last updated|last modified|aktualisiert|veröffentlicht|publiziert|stand|mis à jour|publié|actualizado|publicado|aggiornato|pubblicato|read more|follow|share|view all|see all|more from|more by|all posts|posts by|contact|email|e-mail|twitter|facebook|instagram|linkedin|bio|comments?|mins? read|\d+ mins?|reviewed by|monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|view profile|view more|profile|fact checked|medically reviewed|edited by|a note from|no author|eingetragen|filed under|kategorie|category|erscheinungsdatum)(?![\p{L}])/iu;

/**
 * Where a name ends and a note begins inside one part ("Cazzy Magennis Last Updated", "BeauHD on Friday",
 * "Text von Jane Doe Illustration von John Roe").
 */
export const NOTE_INSIDE = /\s+(?:last updated|updated|last modified|published|posted|aktualisiert|veröffentlicht|publiziert|stand|am|on|under|filed under|©|\d+\s*min(?:ute)?s?\s+read|(?:illustrations?|fotos?|photos?|bilder?|grafik|graphics?)\s+(?:by|von|de|par)|»|›)(?![\p{L}]).*$/iu;

/**
 * A category or a time after a name ("Jane Doe in Politics", "David at 5:12 PM"): "in" and a
 * capitalized word (case matters, so no `i` flag), "at" and a number.
 */
export const CATEGORY_INSIDE = /\s+(?:in\s+\p{Lu}|at\s+\d|um\s+\d).*$/u;

/** A team rather than a person ("FullStack Editorial Team", "Die Redaktion"). */
export const TEAM_NAME = /(?:^|\s)(?:team|redaktion|editorial|editors|newsroom|desk|redacción|rédaction|redazione)(?:\s|$)/iu;

/** Credentials and suffixes after a name ("MD", "PhD", "RD", "CFP", "Jr."), compared without dots, any case. */
export const CREDENTIALS: ReadonlySet<string> = new Set([
  'md', 'phd', 'rn', 'ma', 'ms', 'msc', 'mba', 'mph', 'rd', 'rdn', 'ld', 'cpp', 'psp', 'cfp', 'cpa', 'facp', 'facs', 'faclm', 'frcp', 'foma',
  'dabom', 'dds', 'dmd', 'dvm', 'jd', 'llm', 'bsc', 'esq', 'np', 'aprn', 'dnp', 'pharmd',
  'lcsw', 'lpc', 'cns', 'cscs', 'ryt', 'e-ryt', 'pa-c', 'mfa', 'med', 'edd', 'psyd', 'ibclc', 'cde', 'cdces', 'facog', 'faap', 'cisa', 'cissp',
]);

/** Conjunctions and separators between several names. */
export const NAME_SEPARATORS = /\s*(?:;|\s+(?:and|und|et|y|e|i|en|og|och|ja|a|и|與|和)\s+|\s*&\s*|\s+\/\s+|\s*[|·•⋅∙‧]\s*|、|，)\s*/iu;

/** Small words inside personal names that stay lowercase ("Ursula von der Leyen", "Vincent van Gogh"). */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'von', 'van', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'dos', 'das', 'du', 'le', 'la', 'bin', 'ibn', 'al', 'el', 'y', 'ter', 'ten', 'zu', 'zur', 'vom', 'e', 'do',
]);

/** Lowercase words that only sentences have: a candidate with one of them is prose, not a name. */
export const SENTENCE_WORDS: ReadonlySet<string> = new Set([
  'is', 'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had', 'we', 'you', 'i', 'it', 'this', 'that', 'these', 'those', 'who',
  'which', 'our', 'your', 'my', 'his', 'her', 'their', 'will', 'can', 'here', 'there', 'ist', 'sind', 'wir', 'ich', 'est', 'sont',
]);
/** Words a name part never starts with (it is the tail of a phrase: "of Intellectual Ventures"). */
export const PHRASE_STARTS: ReadonlySet<string> = new Set(['a', 'an', 'of', 'to', 'for', 'in', 'at', 'on', 'and', 'or', 'with', 'from', 'des', 'für', 'und', 'im']);

/**
 * Words of page furniture that bylines pick up ("Profil bearbeiten", "Hinterlasse einen Kommentar",
 * "ca. 8 Min.", "admin"): a candidate with one of them is not a name.
 */
export const NON_NAME_WORDS: ReadonlySet<string> = new Set([
  'comment', 'comments', 'kommentar', 'kommentare', 'kommentieren', 'reply', 'antworten', 'share', 'teilen', 'profil', 'profile',
  'edit', 'bearbeiten', 'login', 'logout', 'anmelden', 'abmelden', 'register', 'registrieren', 'subscribe', 'abonnieren', 'newsletter',
  'datum', 'date', 'min', 'mins', 'minutes', 'minuten', 'lesezeit', 'read', 'lesen', 'more', 'mehr', 'weiter', 'zurück', 'back',
  'home', 'startseite', 'übersicht', 'artikelübersicht', 'overview', 'print', 'drucken', 'email', 'mail', 'search', 'suche', 'menu',
  'menü', 'tags', 'kategorie', 'category', 'categories', 'foto', 'photo', 'bild', 'image', 'video', 'quelle', 'source', 'danke',
  'thanks', 'werbung', 'anzeige', 'advertisement', 'admin', 'administrator', 'wordpressadmin', 'webmaster', 'hinterlasse', 'leave',
  'commentaire', 'commentaires', 'partager', 'comentarios', 'compartir', 'vorlesen', 'anhören', 'listen', 'subscribe', 'download',
  'bio', 'artikel', 'beiträge', 'weitere', 'aktualisierung', 'zuletzt', 'geändert', 'sections', 'section', 'trending', 'autor/in',
  // Stock-photo agencies: image credits, never authors.
  'istock', 'istockphoto', 'shutterstock', 'getty', 'gettyimages', 'unsplash', 'pixabay', 'adobestock', 'depositphotos', 'imago',
]);

/**
 * Words of organization names ("Example Media GmbH", "Acme Inc", "Foo Verlag"): a copyright holder with
 * one of them is a company, not the person who wrote the page.
 */
export const ORGANIZATION_WORDS: ReadonlySet<string> = new Set([
  'gmbh', 'ag', 'kg', 'se', 'inc', 'inc.', 'llc', 'ltd', 'ltd.', 'limited', 'plc', 'corp', 'corp.', 'corporation', 'company', 'co', 'co.',
  'group', 'gruppe', 'verlag', 'media', 'medien', 'news', 'press', 'presse', 'network', 'e.v.', 'ev', 'foundation', 'stiftung',
  'university', 'universität', 'institute', 'institut', 'verband', 'association', 'society', 'team', 'redaktion', 'studio', 'studios',
  'agency', 'agentur', 'publishing', 'publications', 'communications', 'digital', 'online', 'magazin', 'magazine', 'zeitung',
  'journal', 'times', 'post', 'daily', 'sa', 'srl', 'gbr', 'ug', 'holdings', 'partners', 'services', 'solutions', 'systems',
  'technologies', 'software', 'labs', 'club', 'verein', 'blog', 'shop', 'store', 'official', 'international', 'national',
]);

/** Legal forms of companies ("GmbH", "Co. KG", "Inc."), compared without dots: never a person's whole name. */
export const LEGAL_FORMS: ReadonlySet<string> = new Set(['gmbh', 'ag', 'kg', 'co', 'inc', 'llc', 'ltd', 'plc', 'corp', 'se', 'sa', 'srl', 'gbr', 'ug', 'ev', 'mbh', 'kgaa', 'llp', 'bv', 'nv']);
