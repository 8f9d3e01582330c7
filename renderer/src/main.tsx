import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createWebSocketKioskApi } from './api/ws-client.ts';
import { App } from './App.tsx';
import './styles.css';

const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
const api = createWebSocketKioskApi(`${scheme}://${window.location.host}/api`);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={api} />
  </StrictMode>,
);
