// Entry: one bridge to the station for the page's lifetime, provided to the components.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { StationBridge } from './app/station-bridge.js';
import { StationContext } from './app/station-context.js';
import { stationUrl } from './app/station-client.js';
import { browserReplyAlerts } from './app/reply-outlets.js';
import './styles/theme.css';
import './styles/app.css';
import './styles/control-room.css';

const bridge = new StationBridge({ url: stationUrl(window.location), onCreated: browserReplyAlerts() });
bridge.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StationContext.Provider value={bridge}>
      <App />
    </StationContext.Provider>
  </StrictMode>,
);
