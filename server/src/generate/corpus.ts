import type { Random } from './random.js';

/** A theme viewers talk about, with how they say it in Chinese and English. */
export interface Theme {
  id: string;
  zh: readonly string[];
  en: readonly string[];
  sentiment: 'positive' | 'negative' | 'neutral';
}

const t = (id: string, sentiment: Theme['sentiment'], zh: string[], en: string[]): Theme => ({ id, zh, en, sentiment });

/** Comment themes of the demo series *Signed for Twins* (BRIEF §6). */
export const THEMES = {
  twins: t(
    'twins',
    'negative',
    ['双胞胎去哪了？', '双胞胎呢？？', '说好的双胞胎呢', '我就想知道双胞胎在哪', '双胞胎到底什么时候出来', '剧名叫双胞胎，双胞胎人呢'],
    ['where are the twins?', 'so where are the twins??', 'still waiting for the twins', 'twins when??', 'the title says twins... where are they'],
  ),
  meme: t(
    'meme',
    'positive',
    ['请签收！', '请签收😂', '您的快递请签收', '请签收，签收，签收', '又是请签收哈哈哈', '请签收名场面'],
    ['请签收 lol', '"please sign for it" 😂', 'please sign for it!!', 'the 请签收 line again haha'],
  ),
  drag: t(
    'drag',
    'negative',
    ['这段吵架太长了', '吵了一分钟，快进了', '能不能别吵了，拖剧情', '这集中间好拖', '吵架戏可以剪一剪'],
    ['this argument drags on forever', 'skipped the fight scene', 'too much arguing', 'cut the shouting please'],
  ),
  twist: t(
    'twist',
    'positive',
    ['卧槽反转了！', '这反转绝了', '开头就炸了', '我鸡皮疙瘩起来了', '没想到是她！'],
    ['WHAT a twist', 'that opening!!', 'chills', 'did not see that coming'],
  ),
  cliffhanger: t(
    'cliffhanger',
    'neutral',
    ['快更新！', '卡在这里？？', '求更新，等不及了', '又断在这，编剧出来', '催更催更'],
    ['next episode NOW', 'why end it there??', 'cliffhanger again 😭', 'update please'],
  ),
  aunt: t(
    'aunt',
    'positive',
    ['小姨太飒了，多给点镜头', '想看小姨的戏份', '小姨才是女主吧', '小姨一出场我就笑了'],
    ['more of the aunt please', 'the aunt deserves her own show', 'aunt Lin is the real lead'],
  ),
  lead: t('lead', 'negative', ['男主好渣', '这男主我真的会谢', '男主能不能长点心', '男主演技尴尬'], ['the male lead is trash', 'red flag husband', 'he needs to apologize']),
  paywall: t('paywall', 'neutral', ['又要付费？', '解锁了，值', '到这里就收费了啊', '充了，别让我失望'], ['paywall again?', 'unlocked, worth it', 'paid to see this, no regrets']),
  praise: t('praise', 'positive', ['太好看了', '追到凌晨三点', '好上头', '演技在线', '一口气看完', '女主好美'], ['so good', 'binged it all', 'addicted', 'the acting is great', 'she is so pretty']),
} as const;

export type ThemeId = keyof typeof THEMES;

/** Short replies in threads. */
export const REPLIES = { zh: ['+1', '同意', '哈哈哈哈', '真的', '确实', '楼上说得对', '我也是', '笑死'], en: ['+1', 'agreed', 'lol same', 'this', 'facts', 'same here'] } as const;

/** Short danmaku away from any moment. */
export const DANMAKU_FILLER = {
  zh: ['哈哈哈哈哈', 'awsl', '来了来了', '打卡', '好甜', '心疼女主', '？？？', '啊啊啊啊', '第一', '前排'],
  en: ['lol', 'omg', 'here we go', 'NOOO', 'first', 'cute'],
} as const;

/** Danmaku at hooks and twists. */
export const DANMAKU_HYPE = { zh: ['前方高能', '名场面', '卧槽', '反转了', '高能预警', '爽！'], en: ['PLOT TWIST', 'omg omg', 'called it', 'WHAT'] } as const;

/** The coordinated burst: one message, lightly varied, as bought comments are. */
export const BURST_TEXT = { zh: '这部剧太好看了！强烈推荐给大家', en: 'Best drama of the year, everyone must watch' } as const;
const BURST_SUFFIX = ['！！', '！！！', '!!', '👍', '👍👍', '～', '！', ''];

/** A near-identical variant of the burst text. */
export function burstText(r: Random, lang: 'zh' | 'en'): string {
  return BURST_TEXT[lang] + r.pick(BURST_SUFFIX);
}

const PREFIX = { zh: ['', '', '', '啊啊啊', '笑死，', '说真的，', '姐妹们，', '救命，'], en: ['', '', '', 'ok but ', 'honestly ', 'lol '] } as const;
const SUFFIX = { zh: ['', '', '！', '！！', '😂', '😭', '🤣', '👍', '～', '。'], en: ['', '', '!', '!!', ' 😂', ' 😭', ' lol', '.'] } as const;

/** One phrasing of a theme, with the small variations real comments have. */
export function themeText(r: Random, theme: Theme, lang: 'zh' | 'en', episode: number): string {
  const core = r.pick(theme[lang]);
  const ref = r.chance(0.08) ? (lang === 'zh' ? `第${episode}集` : `ep ${episode} `) : '';
  return `${r.pick(PREFIX[lang])}${ref}${core}${r.pick(SUFFIX[lang])}`;
}

function digits(r: Random, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(r.int(0, 9));
  return s;
}

/** A mainland mobile number, sometimes with +86 and separators. */
export function fakeMobile(r: Random): string {
  const n = `1${r.pick(['3', '5', '7', '8', '9'])}${digits(r, 9)}`;
  return r.weighted([
    [n, 5],
    [`${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`, 2],
    [`+86 ${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`, 1],
  ] as const);
}

/** An 18-digit resident ID number with a valid date and checksum. */
export function fakeIdCard(r: Random): string {
  const body = `${r.pick(['110105', '310104', '440305', '330106', '510107'])}${r.int(1970, 2005)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}${digits(r, 3)}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * w[i]!;
  return body + '10X98765432'[sum % 11];
}

const WX_WORDS = ['xiaomei', 'drama_fan', 'lucky', 'zhuiju', 'sweet', 'momo', 'kiki'];

/** Personal data planted in comment text, so redaction has work; returns the text and the kind planted. */
export function plantedPersonalData(r: Random, lang: 'zh' | 'en'): { text: string; kind: 'phone' | 'email' | 'qq' | 'wechat' | 'idcard' | 'url-token' } {
  const wx = `${r.pick(WX_WORDS)}_${digits(r, r.int(3, 5))}`;
  const qq = `${r.int(1, 9)}${digits(r, r.int(6, 9))}`;
  const email = `${r.pick(WX_WORDS).replace('_', '.')}${digits(r, 3)}@${r.pick(['qq.com', '163.com', 'gmail.com'])}`;
  const kind = r.weighted([
    ['wechat', 5],
    ['phone', 4],
    ['qq', 3],
    ['email', 2],
    ['url-token', 1],
    ['idcard', 0.3],
  ] as const);
  const zh: Record<typeof kind, string> = {
    wechat: r.pick([`想要全集资源的加我vx: ${wx}`, `加微信 ${wx} 一起追剧`, `V信：${wx} 有全集`]),
    phone: r.pick([`有事联系我 ${fakeMobile(r)}`, `出二手会员，电话${fakeMobile(r)}`]),
    qq: r.pick([`追剧群 QQ ${qq}`, `加我企鹅：${qq} 聊剧情`]),
    email: `合作请发邮件 ${email}`,
    'url-token': `全集在这 https://pan.example.com/s/abc?pwd=${digits(r, 4)}&token=${digits(r, 12)}`,
    idcard: `抽奖填的身份证 ${fakeIdCard(r)} 怎么没中`,
  };
  const en: Record<typeof kind, string> = {
    wechat: `add me on WeChat: ${wx} for all episodes`,
    phone: `text me at +1 415-${digits(r, 3)}-${digits(r, 4)}`,
    qq: `QQ ${qq} for the fan group`,
    email: `email me at ${email}`,
    'url-token': `full episodes https://watch.example.com/v?ep=12&access_token=${digits(r, 16)}`,
    idcard: `my id ${fakeIdCard(r)} lol`,
  };
  return { text: (lang === 'zh' ? zh : en)[kind], kind };
}

const NICK_A = ['追剧的', '爱吃', '快乐', '熬夜', '今天也要', '小小', '甜甜的'];
const NICK_B = ['猫咪', '橘子', '小鱼', '星星', '奶茶', '兔子', '阿狸'];
const EN_A = ['sunny', 'drama', 'night', 'happy', 'cozy', 'tiny', 'lazy'];
const EN_B = ['panda', 'reader', 'owl', 'fan', 'bee', 'cat', 'fox'];

/** A display name (personal data the importer drops) for a viewer. */
export function nickname(h: number, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? `${NICK_A[h % 7]}${NICK_B[(h >>> 3) % 7]}${h % 1000}` : `${EN_A[h % 7]}_${EN_B[(h >>> 3) % 7]}${h % 100}`;
}

/** Regions weighted roughly by online-video audience. */
export const REGIONS_ZH: readonly (readonly [string, number])[] = [
  ['广东', 12],
  ['江苏', 8],
  ['山东', 8],
  ['浙江', 7],
  ['河南', 7],
  ['四川', 6],
  ['河北', 5],
  ['湖北', 5],
  ['湖南', 5],
  ['福建', 4],
  ['北京', 4],
  ['上海', 4],
  ['安徽', 4],
  ['辽宁', 3],
  ['陕西', 3],
];
export const REGIONS_EN: readonly (readonly [string, number])[] = [
  ['US', 10],
  ['PH', 5],
  ['GB', 3],
  ['MY', 3],
  ['CA', 2],
  ['AU', 2],
  ['SG', 1],
];
