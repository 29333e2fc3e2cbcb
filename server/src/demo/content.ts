import { EP1 } from './episodes/ep1.js';
import { EP2 } from './episodes/ep2.js';
import { EP3 } from './episodes/ep3.js';
import { EP4 } from './episodes/ep4.js';
import { EP5 } from './episodes/ep5.js';
import { EP6 } from './episodes/ep6.js';
import type { DemoSeries } from './types.js';

/**
 * The demo series a new user sees on first start (BRIEF §6): 《签收双胞胎》 /
 * "Signed for Twins". Five Chinese episodes in micro-drama convention (hook,
 * cliffhanger, cast lines, △/▲, OS/VO, captions; episode 5 is the paywall
 * episode) and one English episode in US screenplay style [SC12].
 */
export const DEMO_SERIES: DemoSeries = {
  title: '签收双胞胎',
  language: 'zh',
  characters: [
    {
      name: '林晚',
      aliases: ['Lin Wan', 'Evelyn', 'Evelyn Lin'],
      description: '快递员。六年前与顾承泽签下一年契约婚姻，离开时怀着双胞胎，独自把孩子养大。口头禅「请签收」。',
    },
    {
      name: '顾承泽',
      aliases: ['Gu Chengze', 'Ethan', 'Ethan Gu'],
      description: '顾氏集团总裁，冷面寡言。林晚的契约丈夫，六年来从未在离婚协议上签字。',
    },
    {
      name: '林小满',
      aliases: ['Lin Xiaoman', 'Mia'],
      description: '五岁，双胞胎妹妹。嘴甜胆大，负责给大人们“送快递”。',
    },
    {
      name: '林小睿',
      aliases: ['Lin Xiaorui', 'Ray'],
      description: '五岁，双胞胎哥哥。电脑天才，儿童手表从不离手。',
    },
    {
      name: '苏曼琳',
      aliases: ['Su Manlin', 'Selina', 'Selina Su'],
      description: '顾家世交之女，一心要做顾太太；六年前用一张支票逼走了林晚。',
    },
    {
      name: '顾老夫人',
      aliases: ['Madam Gu', 'Grandma Gu'],
      description: '顾承泽的奶奶，当年促成了契约婚姻，盼重孙盼得心切。',
    },
    {
      name: '护士',
      aliases: ['Nurse'],
      description: '医院检验科护士，收了苏曼琳的钱，调包了亲子鉴定样本。',
    },
    {
      name: '周屿',
      aliases: ['Zhou Yu'],
      description: '顾承泽的特助，办事利落，嘴严。',
    },
  ],
  locations: [
    {
      name: '顾氏集团总裁办公室',
      aliases: ['总裁办公室', 'Gu Group CEO office'],
      description: '顶层，整面落地窗，冷色调。',
    },
    {
      name: '顾氏集团大堂',
      aliases: ['大堂', 'Gu Group lobby'],
      description: '挑高大堂，旋转门，二楼回廊俯瞰全场。',
    },
    {
      name: '林晚出租屋',
      aliases: ['出租屋', "EVELYN'S APARTMENT"],
      description: '城西老小区里的三十平米，墙上贴满孩子们的奖状。',
    },
    {
      name: '顾家老宅',
      aliases: ['老宅', 'GU MANSION'],
      description: '红木家具、古董座钟，后面带一座喷泉花园。',
    },
    {
      name: '医院走廊',
      aliases: ['医院', "ST. MARY'S HOSPITAL"],
      description: '检验科门口的长走廊，灯光惨白；六年前和现在的关键戏都在这里。',
    },
    {
      name: '民政局',
      aliases: ['Civil Affairs Bureau'],
      description: '六年前林晚和顾承泽登记契约婚姻的地方（闪回）。',
    },
  ],
  episodes: [EP1, EP2, EP3, EP4, EP5, EP6],
};
