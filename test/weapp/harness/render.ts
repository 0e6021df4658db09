// What the member sees: a page's WXML rendered by wcc from the page's data, with Taro's `comp`
// component (which takes over past template level 15) rendered in place from its props, as WeChat
// does with a virtual-host component. The result is a small element tree to read and tap.
import path from 'node:path'
import { compiledTemplates, pageJson, type WccNode } from './build'

/** Whose methods a `bind*`/`catch*` handler name refers to: the page or a component instance. */
export interface Owner {
  name: string
  call(method: string, event: object): void
}

export interface WxElement {
  /** The WXML tag without WeChat's `wx-` prefix: view, text, button, input, picker… */
  tag: string
  attrs: Record<string, unknown>
  children: WxChild[]
  parent: WxElement | null
  owner: Owner
}

export type WxChild = WxElement | string

export interface RenderContext {
  /** The owner of the nodes a component renders, given its path (e.g. `comp`) and props. */
  componentOwner(componentPath: string, props: Record<string, unknown>): Owner
  warnings: string[]
}

function resolveComponent(file: string, tag: string): string | null {
  const using = pageJson(file).usingComponents ?? {}
  const target = using[tag]
  return target === undefined ? null : path.posix.join(path.posix.dirname(file), target)
}

function convert(
  node: WccNode | string,
  file: string,
  parent: WxElement,
  owner: Owner,
  context: RenderContext,
): WxChild[] {
  if (typeof node === 'string') return node === '' ? [] : [node]
  const tag = node.tag.replace(/^wx-/, '')
  const children = node.children ?? []
  if (tag === 'virtual' || tag === 'block') {
    return children.flatMap((child) => convert(child, file, parent, owner, context))
  }
  const component = resolveComponent(file, tag)
  if (component) {
    const props = node.attr ?? {}
    // Taro's recursive component is a virtual host: its template's nodes stand in its place.
    return renderFile(component, props, parent, context.componentOwner(component, props), context)
  }
  const element: WxElement = { tag, attrs: node.attr ?? {}, children: [], parent, owner }
  element.children = children.flatMap((child) => convert(child, file, element, owner, context))
  return [element]
}

function renderFile(
  file: string,
  data: object,
  parent: WxElement,
  owner: Owner,
  context: RenderContext,
): WxChild[] {
  const { tree, warnings } = compiledTemplates().render(`${file}.wxml`, data)
  context.warnings.push(...warnings)
  return (tree.children ?? []).flatMap((child) => convert(child, file, parent, owner, context))
}

/** The page `route` as WeChat would draw it for `data` (built by the templates' realm). */
export function renderPage(route: string, data: object, owner: Owner, context: RenderContext): WxElement {
  const page: WxElement = { tag: 'page', attrs: {}, children: [], parent: null, owner }
  page.children = renderFile(route, data, page, owner, context)
  return page
}

export function isElement(child: WxChild): child is WxElement {
  return typeof child !== 'string'
}

/** Elements in document order, the root first. */
export function elements(root: WxElement): WxElement[] {
  const all: WxElement[] = [root]
  for (const child of root.children) if (isElement(child)) all.push(...elements(child))
  return all
}

/**
 * The text a person reads in `node`: text nodes side by side as they are (so `候补第{n}位` reads
 * 候补第3位), elements apart by a space, whitespace collapsed.
 */
export function textOf(node: WxElement): string {
  const parts: string[] = []
  for (const child of node.children) parts.push(isElement(child) ? ` ${textOf(child)} ` : child)
  return parts.join('').replace(/\s+/g, ' ').trim()
}

export type TextQuery = string | RegExp

export function matches(text: string, query: TextQuery): boolean {
  return typeof query === 'string' ? text.includes(query) : query.test(text)
}

/**
 * The innermost elements whose text matches, in document order: for 报名 that is the button (or the
 * text inside it), not every card and list around it.
 */
export function findByText(root: WxElement, query: TextQuery): WxElement[] {
  const found: WxElement[] = []
  const visit = (node: WxElement): boolean => {
    // Every child is looked at: an anchored pattern (/^报名$/) can match a child and not its parent.
    const inner = node.children.filter(isElement).map(visit)
    if (inner.some(Boolean)) return true
    if (!matches(textOf(node), query)) return false
    found.push(node)
    return true
  }
  visit(root)
  return found
}

/** The element and its ancestors, innermost first: the path a bubbling event takes. */
export function ancestry(node: WxElement): WxElement[] {
  const path: WxElement[] = []
  for (let current: WxElement | null = node; current; current = current.parent) path.push(current)
  return path
}

/** An element's classes, e.g. to tell a disabled button. */
export function classesOf(node: WxElement): string[] {
  return String(node.attrs.class ?? '')
    .split(/\s+/)
    .filter(Boolean)
}
