import '@testing-library/jest-dom'
import { configure } from '@testing-library/react'
import React from 'react'
import ReactDOM from 'react-dom'
import { createH5NativeComponentConfig } from '@tarojs/plugin-framework-react/dist/runtime'
import { resetTabBadges } from '@/stores/tab-badges'

// Hands React to Taro's runtime, as the H5 build does at startup (the page hooks read it from there).
createH5NativeComponentConfig(null, React, ReactDOM)

afterEach(() => {
  window.localStorage.clear()
  // A new test is a new app: the tab bar's counts are fetched again.
  resetTabBadges()
})

// A query that fails inside waitFor would otherwise print the whole page on every retry, which on
// a busy machine starves the very request the test is waiting for.
configure({
  getElementError: (message) => {
    const error = new Error(message ?? 'element not found')
    error.name = 'TestingLibraryElementError'
    return error
  },
})

// jsdom lays nothing out and has no Element.scrollIntoView, which ScrollView's scrollIntoView calls.
if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined
