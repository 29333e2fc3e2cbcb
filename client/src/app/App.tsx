import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './routes';
import { LocalUserProvider } from './useLocalUser';

/** The whole client: i18n, the local writer identity (accounts replace it in issue 3), and the routes. */
export function App({ i18n }: { i18n: I18n }) {
  return (
    <I18nextProvider i18n={i18n}>
      <LocalUserProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </LocalUserProvider>
    </I18nextProvider>
  );
}
