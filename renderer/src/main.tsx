import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectScreenApi } from './api/screen-api.ts';
import { App } from './App.tsx';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={connectScreenApi()} />
  </StrictMode>,
);
