/**
 * Extraction rules as data: which elements are page chrome, which hint at the article body, and which
 * short lines are boilerplate wherever they stand. The algorithm in body.ts reads these tables; it has
 * no site names in it. Patterns match whole tokens of class/id/role values (split on -, _, space and
 * camelCase), so "comment" matches "article-comments" but not "commentary".
 */

/**
 * Chrome marks come in two strengths. A strong mark (a comment section, a share bar, a footer) holds
 * chrome whatever its content. A weak mark names something that is usually chrome but that site builders
 * and CSS frameworks also put on content ("widget" on every Elementor block, Tailwind's responsive
 * "hidden md:block", Next.js's "__next" root): it counts only when the element does not read as prose.
 */
export const CHROME_TAGS = new Set(['nav', 'aside', 'footer', 'menu', 'noscript', 'figcaption']);
export const WEAK_CHROME_TAGS = new Set(['header', 'form']);

/**
 * Class words that content management systems derive from a post's taxonomy or state
 * ("tag-elections", "category-community", "format-video", "has-comments", "no-sidebar"): they describe
 * the post, not the element's role, and are ignored when reading tokens. Words on an owner prefix
 * ("post-1234", "author-jdoe") are ignored too, unless what follows names chrome ("author-bio",
 * "post-comments").
 */
export const TAXONOMY_CLASS = /^(tag|tags|category|categories|cat|term|topic|tax|taxonomy|format|type|status|postid|pageid|has|with|without|no|allow|enable|enabled|disable|disabled)[-_][\w-]+$/i;
export const OWNER_CLASS = /^(post|page|author|section|entry)[-_]([\w-]+)$/i;

/** ARIA roles of page chrome. */
export const CHROME_ROLES = new Set([
  'navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alertdialog', 'menu',
  'menubar', 'toolbar', 'tablist', 'alert', 'marquee', 'status',
]);

/** Class/id tokens that mark chrome whatever the element holds. */
export const CHROME_TOKENS = new Set([
  // navigation
  'nav', 'navbar', 'navigation', 'menu', 'menus', 'submenu',
  // related and recommended content
  'related', 'recommended', 'recommendations', 'recirculation', 'recirc', 'popular', 'trending', 'mostread',
  'mostpopular', 'outbrain', 'taboola', 'readmore',
  // subscription, newsletter
  'newsletter', 'subscribe', 'subscription', 'signup',
  // consent
  'cookie', 'cookies', 'consent', 'gdpr',
  // advertising
  'ad', 'ads', 'adv', 'advert', 'adverts', 'advertisement', 'advertising', 'sponsor', 'sponsored', 'dfp',
  'adslot', 'adunit',
  // comments
  'comment', 'comments', 'disqus', 'respond', 'replies', 'community', 'kommentar', 'kommentare', 'commentaire',
  'commentaires', 'comentario', 'comentarios', 'commento', 'commenti', 'reacties', 'komentarz', 'komentarze',
  // author boxes, footers, sidebars
  'authorbox', 'bio', 'tagcloud', 'footer', 'sidebar',
  // captions and credits (collected apart from the body)
  'caption', 'captions', 'credit', 'credits',
]);

/**
 * Endings that mark a compound class word ("postmetadata", "blogsidebar", "socialshare"): a token longer
 * than the ending by at least three letters that ends with it is read as the ending. Only endings that
 * no common content word ends with.
 */
export const CHROME_SUFFIXES: ReadonlyMap<string, 'strong' | 'weak'> = new Map([
  ['comments', 'strong'], ['related', 'strong'], ['sidebar', 'strong'], ['footer', 'strong'], ['newsletter', 'strong'],
  ['meta', 'weak'], ['metadata', 'weak'], ['share', 'weak'], ['sharing', 'weak'], ['social', 'weak'], ['widget', 'weak'],
  ['banner', 'weak'], ['byline', 'weak'], ['breadcrumbs', 'weak'], ['nav', 'weak'], ['menu', 'weak'], ['tags', 'weak'],
  ['toolbar', 'weak'],
]);

/** Strong tokens of comment sections: they hold even when the comments outgrow the article. */
export const COMMENT_TOKENS = new Set([
  'comment', 'comments', 'disqus', 'respond', 'replies', 'community', 'kommentar', 'kommentare', 'commentaire',
  'commentaires', 'comentario', 'comentarios', 'commento', 'commenti', 'reacties', 'komentarz', 'komentarze',
]);

/** Class/id tokens that mark chrome only on elements that do not read as prose. */
export const WEAK_CHROME_TOKENS = new Set([
  'skip', 'topbar', 'masthead', 'follow', 'email', 'mailto', 'more', 'teaser', 'teasers', 'see', 'also', 'next',
  'prev', 'previous', 'piano', 'paywall', 'regwall', 'promo', 'promotion', 'cta', 'optin', 'banner', 'alert', 'alerts', 'breaking',
  'ticker', 'notification', 'modal', 'popup', 'overlay', 'lightbox', 'gpt', 'commercial', 'discussion', 'reply',
  'biography', 'tags', 'tag', 'keywords', 'topics', 'widget', 'widgets', 'rail', 'aside', 'sidenav', 'header',
  'player', 'video', 'playlist', 'copyright', 'hidden', 'hide', 'sr', 'screenreader', 'visually', 'offscreen',
  'toolbar', 'tools', 'meta', 'vote',
  // article metadata: author lines, dates, sources, info boxes around the text
  'author', 'authors', 'autor', 'date', 'dates', 'datum', 'time', 'datetime', 'published', 'publish', 'updated',
  'modified', 'posted', 'info', 'source', 'sources', 'about', 'contact', 'kontakt', 'signature', 'stars', 'label',
  'labels', 'badge', 'category', 'categories', 'kicker', 'subline', 'disclaimer', 'disclosure',
  // navigation aids, sharing, page tools: never prose, but their names also name content sections
  // (id="toc-title-1" on a section, class="print-content" on the printable article)
  'breadcrumb', 'breadcrumbs', 'skiplink', 'skiplinks', 'pagination', 'pager', 'toc', 'share', 'sharing',
  'shares', 'sharebar', 'social', 'socials', 'byline', 'dateline', 'timestamp', 'login', 'signin', 'search',
  'rating', 'feedback', 'survey', 'print',
]);

/** Tokens that mark an element as the likely article container. */
export const BODY_TOKENS = new Set([
  'articlebody', 'article', 'content', 'post', 'entry', 'story', 'body', 'text', 'main', 'prose', 'richtext',
  'inhalt', 'artikel', 'contenu', 'texte',
]);

/** Block-level elements: each starts a new text unit. */
export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'html', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody',
  'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'caption', 'noscript', 'legend', 'option', 'picture', 'video',
  'audio',
]);

/**
 * Short lines that are boilerplate wherever they appear (matched against a whole unit's text, case
 * folded). Languages: the ones news most often comes in; add more as data.
 */
export const BOILERPLATE_LINES: readonly RegExp[] = [
  /^(advertisement|advertising|anzeige|publicité|publicidad|pubblicità|reklama|sponsored( content)?)$/,
  /^((jetzt |seite |artikel |beitrag )?teilen|share|share this( article| story| page| post)?|partager|compartir|condividi|udostępnij)( on \w+| auf \w+)?[:.!]?$/,
  /^(artikel|beitrag|rezept) (bewerten|drucken|merken|teilen)|^(rate this( article)?|print this( article)?)\W*$/,
  /^(diskutieren sie mit( uns)?|lust auf mehr\??|externer inhalt|empfohlener redaktioneller inhalt|quellen (ausblenden|anzeigen)|mehr anzeigen|alle anzeigen|show more|load more)\W*$/,
  /^(s[ií]guenos|follow us|folgen sie uns|suivez-nous|seguici)\b.{0,80}$/,
  /^(read more|continue reading|read the full (story|article)|weiterlesen|mehr lesen|lire la suite|leer más|mehr zum thema)[:.…]*$/,
  /^(related( articles| stories| content| posts)?|more (stories|on this|from|news)|most (read|popular|viewed)|trending( now)?|top stories|recommended( for you)?|you (may|might) also like|see also|das könnte sie auch interessieren)[:.]?$/,
  /^(follow us|sign up|subscribe|newsletter|jetzt abonnieren|abonnieren|zum newsletter anmelden|newsletter abonnieren|never miss\b|zapraszamy (też )?do subskrypcji)\b.{0,60}$/,
  /^(skip to (main )?content|skip to navigation|accessibility links|jump to|zum inhalt springen)\b.{0,30}$/,
  /^(breaking news|live|watch|listen|video|audio|photo|image|gallery|comments?|kommentare|\d+ comments?)[:.]?$/,
  /^(print|email|e-mail|drucken|imprimer|facebook|twitter|x|linkedin|whatsapp|pinterest|reddit|telegram|xing)$/,
  /^(©|\(c\)|copyright\b).{0,200}$/,
  /^all rights reserved\.?$/,
  /^(tags?|schlagworte|schlagwörter|themen|topics|filed under|categories|kategorien)\s*:.{0,200}$/,
  /^(back to top|nach oben|zurück nach oben|top)$/,
  /^(loading|please wait|wird geladen)\W*$/,
  /^(cookies?|we use cookies)\b.{0,200}(accept|akzeptieren|einverstanden|consent|zustimmen)\b.{0,80}$/,
];

/**
 * Short lines that introduce something other than the article: comments, the author's bio, tags, a box
 * of other stories. The line and everything after it in its box are chrome (and when it stands among the
 * article's paragraphs, the rest of the article container, unless most of the article's prose follows).
 * Matched against the whole line, case folded, in the languages news most often comes in.
 */
export const CHROME_HEADINGS: readonly RegExp[] = [
  // English
  /^(related( posts| articles| stories| content| topics| reading| coverage)?|more (stories|news|from|like this|to explore)|most (read|popular|viewed|shared)|trending( now)?|recommended( for you| reading)?|you (may|might) also (like|enjoy)|latest( news| posts| articles)|top stories|popular( posts| stories)?|comments?|\d+ (comments?|responses?|replies)|leave a (comment|reply)|post a comment|join the (conversation|discussion)|about the authors?|share this( article| story| post)?|tags|topics|filed under)$/,
  // German
  /^((ähnliche|verwandte|empfohlene|weitere|neueste|meistgelesene|beliebteste|aktuelle) (beiträge|artikel|themen|themenbereiche|nachrichten|news|posts|videos|rezepte|tourentipps)( aus (der|dem) \S+)?|mehr zu \S+( und \S+)?|(das|dies|diese[sr]?)( \S+)? (könnte|könnten|dürfte|dürften) (dich|sie|euch) (auch )?interessieren|schon gelesen\??|auch interessant|mehr themen|top[- ]themen( der redaktion)?|meistgelesen|empfehlungen aus der redaktion|kommentare?|\d+ kommentare?|kommentar (schreiben|verfassen)|schreibe(n sie)? einen kommentar|(über|zum) (den |die )?autor(in|en)?|autoreninfo|schlagw(ö|o)rter|themen|teilen|diesen artikel teilen|passend zum thema|weiterführende (links|informationen|artikel))$/,
  // French, Spanish, Italian, Portuguese, Dutch, Polish
  /^(sur le même (sujet|thème)|articles? (similaires|liés|connexes)|les plus lus|commentaires?|à propos de l'auteur|partager( cet article)?)$/,
  /^(te puede interesar|noticias relacionadas|artículos relacionados|temas relacionados|lo más (leído|visto)|comentarios?|sobre el autor|compartir)$/,
  /^(potrebbe interessarti|articoli correlati|i più letti|commenti|condividi)$/,
  /^(mais lidas|artigos relacionados|comentários)$/,
  /^(gerelateerde artikelen|meest gelezen|reacties)$/,
  /^(polecamy|najczęściej czytane|komentarze|podobne artykuły)$/,
];

/**
 * Lines that point to another story from among the article's paragraphs ("Read more: ...", "See also"):
 * the line and the links right after it are chrome; the article goes on after them.
 */
export const CHROME_INLINE_HEADINGS: readonly RegExp[] = [
  /^(read (more|next|also)|see also|also read|more on this( story)?|related|lesen sie (auch|mehr)|lies auch|mehr (zum thema|dazu|lesen)|zum weiterlesen|weiterlesen|à lire aussi|lire aussi|voir aussi|lire la suite|lee también|leer más|ver también|leggi anche|veja também|leia também|lees ook|zobacz (też|także|również)|czytaj (też|także|również|więcej))\b/,
];

/** The longest line that may count as a chrome heading. */
export const CHROME_HEADING_MAX = 80;

/** Words of a line that is only a date (and perhaps a time and a label such as "Updated"). */
export const DATE_LINE_WORDS = new RegExp(
  // Word boundaries by lookaround: \b does not know letters such as "ä".
  '(?<!\\p{L})(' +
    [
      // labels
      'published|updated|posted|modified|created|last|release|date|on|at|am|pm|um|uhr|h|de|del|le|la|el|di|il|by|vom|von|seit|stand|datum|min|read|reading|time|lesezeit|und|and',
      'publiziert|publikation|erschienen',
      'veröffentlicht|aktualisiert|erstellt|geändert|letzte|änderung|publié|mis|à|jour|publicado|actualizado|pubblicato|aggiornato|opublikowano|aktualizacja|publikacja|gepubliceerd|bijgewerkt',
      // months
      'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec',
      'januar|jänner|februar|märz|mai|juni|juli|oktober|dezember|okt|dez|mrz',
      'janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre',
      'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre',
      'gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre',
      'stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia',
      // weekdays
      'monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun',
      'montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche',
      'lunes|martes|miércoles|jueves|viernes|sábado|domingo',
    ].join('|') +
    ')(?!\\p{L})',
  'giu',
);

/** Short lines that are article metadata rather than text: reading times, credits, sources, bylines (matched as written). */
export const METADATA_LINES: readonly RegExp[] = [
  /^\d+\s*(min|mins|minutes?|minuten|minuti|minutos)\.?\s*(read|reading|lesezeit|de lecture|lectura|di lettura)?\.?$/i,
  /^(lesezeit|reading time|temps de lecture|tiempo de lectura)\s*:?\s*(ca\.\s*)?\d+.{0,20}$/i,
  /^(quelle|quellen|source|sources|źródło|fuente|fonte|bron|credits?|crédits?( photos?)?|photo|photos|foto|fotos|bild|bilder|titelbild|beitragsbild|image|images|illustration|grafik|photograph|fotografie)( by| von| de)?\s*[:©].{0,100}$/i,
  /^(titelbild|beitragsbild|photograph by|photo by|foto von|bild von)\b.{0,80}$/i,
  /^(by|von|par|por|di|door|przez|autor|author|text|texte)\s*:?\s+[\p{Lu}][\p{L}'’.-]*(\s+(and|und|et|y|e|en|i|&|,)?\s*[\p{Lu}][\p{L}'’.-]*){0,6}\s*$/u,
  /^\(?(noch )?keine bewertungen\)?$|^\(?no ratings yet\)?$/i,
  // Photo credits on their own line: "AFP / MARCO BERTORELLO", "Augusta National/Getty Images", "aja/PAP".
  /^[^.!?]{0,50}(\/|©)\s*[^.!?]{0,40}\b(getty images|afp|dpa|reuters|ap|epa|imago|picture[- ]alliance|shutterstock|istock(photo)?|wenn(\.com)?|pap|ansa|efe|keystone|sipa|xinhua|anadolu|bestimage)\b[^.!?]{0,40}$/i,
  /^\s*(afp|dpa|reuters|ap|epa|pap|ansa|efe)\s*\/\s*[\p{L}][\p{L} .'-]{2,40}$/iu,
  // Chinese and Japanese credit lines: "【纠错】 责任编辑：王明", "来源：新华网", "（記者 山田太郎）"
  /^(【[^】]{1,8}】\s*)*(责任编辑|責任編輯|编辑|編輯|来源|來源|作者|记者|記者|撮影|文|写真)\s*[:：].{0,60}$/u,
];

/** Longest line that the date and metadata patterns may remove. */
export const METADATA_LINE_MAX = 120;

/** Class/id tokens of a caption element. */
export const CAPTION_TOKENS = new Set([
  'caption', 'captions', 'figcaption', 'legend', 'legende', 'bildunterschrift', 'bildtext', 'imgdescr', 'imagedescr',
  'photodescr', 'picdescr', 'imgtext', 'imagetext', 'phototext', 'imgcaption', 'photocaption',
]);

/** Class/id tokens of a photo credit. */
export const CREDIT_TOKENS = new Set(['credit', 'credits', 'copyright', 'byline', 'source', 'attribution', 'quelle']);

/** Credits written at the end of a caption: "Photo: X", "(AP Photo/X)", "© X", "REUTERS/X", "记者 陈晨 摄". */
export const CAPTION_CREDITS: readonly RegExp[] = [
  /[\s([|]*((?:photo|image|picture|foto|bild|credit|quelle|source|fotos?)(?:\s+by)?\s*[:/]\s*[^()[\]|]{2,80}|©\s*[^()[\]|]{2,80}|\b(?:AP|AFP|REUTERS|Reuters|EPA|dpa|Getty Images|AAP)(?:\s*Photo)?\s*\/\s*[^()[\]|]{2,60}|(?:photo|foto) by [^()[\]|]{2,60})[)\]\s]*$/i,
  /[\s（(]*((?:记者|記者|通讯员|通訊員|新华社记者)?\s*[\p{Script=Han}·]{2,12}\s*(?:摄|攝)|(?:撮影|写真)\s*[:：・]?\s*\S{1,20})[）)\s]*$/u,
];
