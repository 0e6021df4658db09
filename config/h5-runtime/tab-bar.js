// Stands in for '@tarojs/components/dist/components' where Taro's H5 router imports it to draw the
// tab bar (and where previewImage, which the app does not use, imports a swiper).
//
// Taro's tab bar is a Stencil web component: with it came the Stencil runtime, ~160 KiB before
// minifying and a tenth of a second of a slow phone's CPU before the first page. This is the same
// <taro-tabbar> element in plain DOM: the same markup and class names, the same configuration
// from the router, and the same tab bar API (Taro.setTabBarBadge and the rest reach it through
// Taro's event centre, as they reached the original).
import Taro from '@tarojs/taro'
import { addLeadingSlash, eventCenter, getCurrentPage, stripBasename, stripSuffix } from '@tarojs/runtime'

const STYLE = `
.weui-tabbar{z-index:500;background-color:#f7f7fa;align-items:center;width:100%;display:flex;position:absolute;bottom:0}
.weui-tabbar:before{content:" ";color:#c0bfc4;transform-origin:0 0;border-top:1px solid #c0bfc4;height:1px;position:absolute;top:0;left:0;right:0;transform:scaleY(.5)}
.taro-tabbar__border-white:before{border-top-color:#fff!important}
.weui-tabbar__item{padding:5px 0 env(safe-area-inset-bottom);color:#999;text-align:center;-webkit-tap-highlight-color:transparent;flex:1;font-size:0;display:block}
.weui-tabbar__icon{width:27px;height:27px;display:inline-block}
.weui-tabbar__label{text-align:center;color:#999;font-size:10px;line-height:1.8}
.weui-badge{color:#fff;text-align:center;vertical-align:middle;background-color:#f43530;border-radius:18px;min-width:8px;padding:.15em .4em;font-size:12px;line-height:1.2;display:inline-block}
.weui-badge_dot{min-width:0;padding:.4em}
:root{--taro-tabbar-height:50px}
#app{height:100%}
.taro-tabbar__container{flex-direction:column;height:100%;display:flex;overflow:hidden}
.taro-tabbar__panel{-webkit-overflow-scrolling:auto;flex:1;position:relative;overflow:auto}
.taro-tabbar__tabbar{width:100%;height:var(--taro-tabbar-height);transition:bottom .2s,top .2s;position:relative}
.taro-tabbar__tabbar-top{top:0}
.taro-tabbar__tabbar-bottom{margin-bottom:env(safe-area-inset-bottom);bottom:0}
.taro-tabbar__tabbar-hide{display:none}
.taro-tabbar__tabbar-slideout{flex:0 0;top:-52px}
.taro-tabbar__panel+.taro-tabbar__tabbar-slideout{top:auto;bottom:-52px}
`

const SHOW = 0
const HIDE = 1
const SLIDE_OUT = 2

/** The path of a page URL, without its query or fragment. */
function pathOf(url) {
  return (url || '').split('#')[0].split('?')[0]
}

function element(tag, className, style) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (style) Object.assign(node.style, style)
  return node
}

class TabBar extends HTMLElement {
  connectedCallback() {
    if (this.list) return
    const conf = this.conf || {}
    const list = Array.isArray(conf.list) ? conf.list : []
    if (list.length < 2 || list.length > 5) throw new Error('tabBar 配置错误')
    if (!document.getElementById('taro-tab-bar-style')) {
      const style = element('style')
      style.id = 'taro-tab-bar-style'
      style.textContent = STYLE
      document.head.appendChild(style)
    }
    this.homePage = addLeadingSlash(conf.homePage)
    this.list = list.map((item) => ({ ...item, pagePath: addLeadingSlash(item.pagePath) }))
    this.color = conf.color
    this.selectedColor = conf.selectedColor
    this.backgroundColor = conf.backgroundColor
    this.borderStyle = conf.borderStyle
    this.status = SHOW
    this.handlers = {
      __taroRouterChange: (options) => this.onRouterChange(options),
      __taroSwitchTab: ({ url, successHandler, errorHandler }) => {
        const current = stripSuffix(this.currentUrl() || this.homePage, '.html')
        const index = this.indexOf(new URL(url, `http://taro${current}`).pathname)
        if (index < 0) return errorHandler({ errMsg: `switchTab:fail page "${url}" is not found` })
        this.select(index)
        successHandler({ errMsg: 'switchTab:ok' })
      },
      __taroSetTabBarBadge: (options) =>
        this.change('setTabBarBadge', options, (item) => {
          item.showRedDot = false
          item.badgeText = options.text
        }),
      __taroRemoveTabBarBadge: (options) =>
        this.change('removeTabBarBadge', options, (item) => {
          item.badgeText = null
        }),
      __taroShowTabBarRedDotHandler: (options) =>
        this.change('showTabBarRedDot', options, (item) => {
          item.badgeText = null
          item.showRedDot = true
        }),
      __taroHideTabBarRedDotHandler: (options) =>
        this.change('hideTabBarRedDot', options, (item) => {
          item.showRedDot = false
        }),
      __taroShowTabBar: ({ successHandler }) => {
        this.status = SHOW
        this.render()
        successHandler({ errMsg: 'showTabBar:ok' })
      },
      __taroHideTabBar: ({ animation, successHandler }) => {
        this.status = animation ? SLIDE_OUT : HIDE
        this.render()
        successHandler({ errMsg: 'hideTabBar:ok' })
      },
      __taroSetTabBarStyle: ({ color, selectedColor, backgroundColor, borderStyle, successHandler }) => {
        if (backgroundColor) this.backgroundColor = backgroundColor
        if (borderStyle) this.borderStyle = borderStyle
        if (color) this.color = color
        if (selectedColor) this.selectedColor = selectedColor
        this.render()
        successHandler({ errMsg: 'setTabBarStyle:ok' })
      },
      __taroSetTabBarItem: (options) =>
        this.change('setTabBarItem', options, (item) => {
          if (options.iconPath) item.iconPath = options.iconPath
          if (options.selectedIconPath) item.selectedIconPath = options.selectedIconPath
          if (options.text) item.text = options.text
        }),
    }
    for (const [name, handler] of Object.entries(this.handlers)) eventCenter.on(name, handler)
    this.onRouterChange()
  }

  disconnectedCallback() {
    if (!this.handlers) return
    for (const [name, handler] of Object.entries(this.handlers)) eventCenter.off(name, handler)
  }

  currentUrl() {
    const path = getCurrentPage(this.conf.mode, this.conf.basename)
    return decodeURI(path === '/' ? this.homePage : path)
  }

  indexOf(url) {
    const path = pathOf(url)
    return this.list.findIndex((item) => pathOf(item.pagePath) === path)
  }

  onRouterChange(options) {
    const to = options && options.toLocation && options.toLocation.path
    const page =
      typeof to === 'string'
        ? stripBasename(addLeadingSlash(to || this.homePage), this.conf.basename || '/') || '/'
        : this.currentUrl()
    this.selectedIndex = this.indexOf(stripSuffix(page, '.html'))
    this.render()
  }

  select(index) {
    this.selectedIndex = index
    this.render()
    Taro.switchTab({ url: this.list[index].pagePath })
  }

  change(api, { index, successHandler, errorHandler }, update) {
    const item = this.list[index]
    if (!item) return errorHandler({ errMsg: `${api}:fail tabbar item not found` })
    update(item)
    this.render()
    successHandler({ errMsg: `${api}:ok` })
  }

  render() {
    const position = this.nextElementSibling ? 'top' : 'bottom'
    this.className = [
      'taro-tabbar__tabbar',
      `taro-tabbar__tabbar-${position}`,
      this.selectedIndex === -1 || this.status === HIDE ? 'taro-tabbar__tabbar-hide' : '',
      this.status === SLIDE_OUT ? 'taro-tabbar__tabbar-slideout' : '',
    ]
      .filter(Boolean)
      .join(' ')
    const bar = element('div', `weui-tabbar taro-tabbar__border-${this.borderStyle || 'black'}`, {
      backgroundColor: this.backgroundColor || '',
      height: 'inherit',
    })
    this.list.forEach((item, index) => {
      const selected = index === this.selectedIndex
      const link = element('a', selected ? 'weui-tabbar__item weui-bar__item_on' : 'weui-tabbar__item')
      // No `javascript:` address (the page's CSP refuses to run one, an error on every tap): a
      // button to assistive technology and the keyboard.
      link.setAttribute('role', 'button')
      link.tabIndex = 0
      if (selected) link.setAttribute('aria-current', 'page')
      link.addEventListener('keydown', (event) => {
        if (event.key !== 'Enter' && event.key !== ' ') return
        event.preventDefault()
        link.click()
      })
      const iconBox = element('span', '', { display: 'inline-block', position: 'relative' })
      const icon = element('img', 'weui-tabbar__icon')
      icon.alt = ''
      icon.src = (selected ? item.selectedIconPath : item.iconPath) || ''
      iconBox.appendChild(icon)
      if (item.badgeText) {
        const badge = element('span', 'weui-badge taro-tabbar-badge', {
          position: 'absolute',
          top: '-2px',
          right: '-13px',
        })
        badge.textContent = item.badgeText
        iconBox.appendChild(badge)
      }
      if (item.showRedDot) {
        iconBox.appendChild(
          element('span', 'weui-badge weui-badge_dot', { position: 'absolute', top: '0', right: '-6px' }),
        )
      }
      const label = element('p', 'weui-tabbar__label', {
        color: (selected ? this.selectedColor : this.color) || '',
      })
      label.textContent = item.text
      link.append(iconBox, label)
      link.addEventListener('click', () => {
        const page = Taro.getCurrentPages().shift()
        if (page && typeof page.onTabItemTap === 'function') {
          page.onTabItemTap({ index, pagePath: item.pagePath, text: item.text })
        }
        this.select(index)
      })
      bar.appendChild(link)
    })
    this.textContent = ''
    this.appendChild(bar)
    this.warmIcons()
  }

  /**
   * Every icon, selected or not, is fetched once the first page has drawn, so that a tab chosen
   * later, offline too, shows its icon rather than a broken image.
   */
  warmIcons() {
    if (this.iconsWarmed || this.list.length === 0) return
    this.iconsWarmed = true
    const idle = window.requestIdleCallback || ((callback) => setTimeout(callback, 1000))
    idle(() => {
      for (const item of this.list) {
        for (const src of [item.iconPath, item.selectedIconPath]) if (src) new Image().src = src
      }
    })
  }
}

export function defineCustomElementTaroTabbar() {
  if (!customElements.get('taro-tabbar')) customElements.define('taro-tabbar', TabBar)
}

/** previewImage's swiper, should anything call it: defined once it has loaded. */
export function defineCustomElementTaroSwiperCore() {
  import('@tarojs/components/dist/components/taro-swiper-core.js').then(({ defineCustomElement }) =>
    defineCustomElement(),
  )
}

export function defineCustomElementTaroSwiperItemCore() {
  import('@tarojs/components/dist/components/taro-swiper-item-core.js').then(({ defineCustomElement }) =>
    defineCustomElement(),
  )
}
