import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HealthPanel } from './features/health/health-panel.tsx';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <main style={{ maxWidth: 960, margin: '0 auto', padding: 24 }}>
      <h1>考评 · 机关干部作风建设考核评估</h1>
      <HealthPanel />
    </main>
  </StrictMode>,
);
