import '@testing-library/jest-dom'
import React from 'react'
import ReactDOM from 'react-dom'
import { createH5NativeComponentConfig } from '@tarojs/plugin-framework-react/dist/runtime'

// Hands React to Taro's runtime, as the H5 build does at startup (the page hooks read it from there).
createH5NativeComponentConfig(null, React, ReactDOM)

afterEach(() => {
  window.localStorage.clear()
})
