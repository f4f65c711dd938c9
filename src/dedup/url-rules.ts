/**
 * The data behind URL canonicalization: which query parameters only track a click, which path endings
 * only name a directory's index page, and how AMP variants of a page are spelled. Tables, not branches:
 * a new tracker or AMP spelling is one more entry here.
 */

/** Query parameters removed by name (compared lower-cased): click ids and campaign tags of ad, mail and social platforms. */
export const TRACKING_PARAMETERS: ReadonlySet<string> = new Set([
  // Ad platforms' click ids
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id', 'epik', 'srsltid',
  // Mail campaigns
  'mc_cid', 'mc_eid', 'mkt_tok', '_hsenc', '_hsmi', 'vero_id', 'vero_conv', 'oly_anon_id', 'oly_enc_id', 'rb_clickid', 's_cid', 'ml_subscriber', 'ml_subscriber_hash',
  // Analytics and social sharing
  '_ga', '_gl', 'igshid', 'igsh', 'ref_src', 'ref_url', 'cmpid', 'ocid', 'cvid', 'ito', 'at_medium', 'at_campaign', 'at_custom1', 'at_custom2', 'at_custom3', 'at_custom4',
  'soc_src', 'soc_trk', 'smid', 'smtyp', 'sr_share', 'share', 'spm', 'ncid', 'taid', 'guccounter', 'guce_referrer', 'guce_referrer_sig',
  'xtor', 'cmp', 'icid', 'int_source', 'int_medium', 'int_campaign', 'wt_mc', 'wt.mc_id', 'mbid', 'intcmp', 'ns_mchannel', 'ns_source', 'ns_campaign', 'ns_linkname', 'ns_fee',
  '__twitter_impression', 'fb_action_ids', 'fb_action_types', 'fb_ref', 'fb_source', 'action_object_map', 'action_type_map', 'action_ref_map',
  'amp_js_v', 'amp_gsa', 'usqp', 'outputtype', 'amp', 'amp_lite', '__s',
]);

/** Query parameters removed by prefix (lower-cased): whole families of campaign tags. */
export const TRACKING_PARAMETER_PREFIXES: readonly string[] = ['utm_', 'pk_', 'mtm_', 'hmb_', 'stm_', 'trk_', 'oly_', 'at_'];

/**
 * Last path segments that name a directory's index page: `/news/index.html` is `/news/`. Lower-cased;
 * compared case-insensitively.
 */
export const DIRECTORY_INDEX_FILES: ReadonlySet<string> = new Set(['index.html', 'index.htm', 'index.php', 'index.asp', 'index.aspx', 'index.jsp', 'index.shtml', 'default.asp', 'default.aspx', 'default.htm']);

/** Host labels that mark an AMP copy of a site (`amp.example.com` serves `example.com`'s pages). */
export const AMP_HOST_LABELS: ReadonlySet<string> = new Set(['amp']);

/** Path segments that mark an AMP copy of a page, wherever they stand: `/amp/story`, `/story/amp/`. */
export const AMP_PATH_SEGMENTS: ReadonlySet<string> = new Set(['amp']);

/** File-name endings of AMP copies and what the page itself ends with: `story.amp.html` → `story.html`. */
export const AMP_FILE_SUFFIXES: readonly (readonly [string, string])[] = [
  ['.amp.html', '.html'],
  ['.amp.htm', '.htm'],
  ['.amp', ''],
];

/**
 * The hosts of the Google AMP cache: `https://www-example-com.cdn.ampproject.org/c/s/www.example.com/story`
 * serves `https://www.example.com/story` (`/c/` a page, `/v/` a viewer, `/s/` for https origins).
 */
export const AMP_CACHE_HOST_SUFFIX = '.cdn.ampproject.org';
export const AMP_CACHE_PATH = /^\/(?:c|v)\/(s\/)?([^/]+)(\/.*)?$/;
