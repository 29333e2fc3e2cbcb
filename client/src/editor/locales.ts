/**
 * i18next resources of the `editor` namespace (the app shell registers them).
 * English is the complete locale and the fallback; Chinese mirrors every key.
 * i18next plural keys: English has `_one`/`_other`, Chinese only `_other`.
 */
const en = {
  element: {
    sceneHeading: 'Scene heading',
    action: 'Action',
    character: 'Character',
    parenthetical: 'Parenthetical',
    dialogue: 'Dialogue',
    dualDialogue: 'Dual dialogue',
    transition: 'Transition',
    shot: 'Shot',
    castLine: 'Cast line',
    caption: 'On-screen text',
    sound: 'Sound',
    flashback: 'Flashback',
    closeUp: 'Close-up',
    hook: 'Hook',
    cliffhanger: 'Cliffhanger',
    paywall: 'Paywall',
  },
  toolbar: {
    label: 'Script tools',
    element: 'Element',
    undo: 'Undo',
    redo: 'Redo',
    insertScene: 'New scene',
    environment: '△ Environment',
    characterAction: '▲ Character action',
    extension: 'Cue extension',
    markers: 'Markers',
    shortcut: '{{label}} ({{keys}})',
  },
  connection: {
    connecting: 'Connecting…',
    connected: 'Connected',
    offline: 'Offline',
    reconnecting: 'Reconnecting…',
    unsynced_one: '{{count}} unsynced change',
    unsynced_other: '{{count}} unsynced changes',
    closed: {
      4004: 'This episode no longer exists.',
      4400: 'This page is not allowed to connect to the server.',
      4401: 'Your session has ended. Sign in again to keep editing.',
      4403: 'You no longer have access to this episode.',
      other: 'The server ended the session (code {{code}}).',
    },
    keptLocally: 'Your changes are kept in this browser.',
  },
  presence: {
    label: 'Writers in this episode',
    you: '{{name}} (you)',
  },
  navigator: {
    title: 'Scenes',
    total: 'Episode runtime {{runtime}}',
    untitled: 'Untitled scene',
    reorderHint: 'Drag to reorder',
  },
  workspace: {
    loading: 'Loading the script…',
    empty: 'This episode has no script yet.',
    readOnly: 'Read-only',
  },
};

/** Same keys as English; the structure is checked by the type below. */
const zh: typeof en = {
  element: {
    sceneHeading: '场景标题',
    action: '动作',
    character: '角色',
    parenthetical: '提示',
    dialogue: '对白',
    dualDialogue: '双人对白',
    transition: '转场',
    shot: '镜头',
    castLine: '人物',
    caption: '字幕',
    sound: '音效',
    flashback: '闪回',
    closeUp: '特写',
    hook: '钩子',
    cliffhanger: '卡点',
    paywall: '付费卡点',
  },
  toolbar: {
    label: '剧本工具',
    element: '元素',
    undo: '撤销',
    redo: '重做',
    insertScene: '新场景',
    environment: '△ 空镜/环境',
    characterAction: '▲ 人物动作',
    extension: '画外音',
    markers: '标记',
    shortcut: '{{label}}（{{keys}}）',
  },
  connection: {
    connecting: '连接中…',
    connected: '已连接',
    offline: '离线',
    reconnecting: '重新连接中…',
    unsynced_one: '{{count}} 处修改未同步',
    unsynced_other: '{{count}} 处修改未同步',
    closed: {
      4004: '这一集已不存在。',
      4400: '此页面不允许连接服务器。',
      4401: '登录已失效，请重新登录后继续编辑。',
      4403: '你已没有这一集的访问权限。',
      other: '服务器结束了会话（代码 {{code}}）。',
    },
    keptLocally: '你的修改已保存在本浏览器中。',
  },
  presence: {
    label: '本集在线编剧',
    you: '{{name}}（你）',
  },
  navigator: {
    title: '场景',
    total: '本集时长 {{runtime}}',
    untitled: '未命名场景',
    reorderHint: '拖动以调整顺序',
  },
  workspace: {
    loading: '正在载入剧本…',
    empty: '这一集还没有剧本。',
    readOnly: '只读',
  },
};

/** Resources for namespace `editor`, per UI language. */
export const editorLocales = { en, zh } as const;
