// What the search box understands (docs/history.md), shown on demand beside it.
import { useT, type MessageKey } from '../../app/i18n/index.js';
import { historyTestIds as ids } from './testids.js';

const ROWS: { example: string; meaning: MessageKey }[] = [
  { example: 'авария', meaning: 'history.syntax.word' },
  { example: '"нет напряжения"', meaning: 'history.syntax.phrase' },
  { example: 'авар*', meaning: 'history.syntax.prefix' },
  { example: '#авария', meaning: 'history.syntax.tag' },
  { example: 'свет газ', meaning: 'history.syntax.and' },
  { example: 'свет OR газ', meaning: 'history.syntax.or' },
  { example: 'авария -#учения -отбой', meaning: 'history.syntax.not' },
];

export function SyntaxHelp(props: { id: string }) {
  const t = useT();
  return (
    <div className="history-syntax" id={props.id} data-testid={ids.syntaxHelp}>
      <table>
        <caption>{t('history.syntax.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('history.syntax.youType')}</th>
            <th scope="col">{t('history.syntax.finds')}</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((r) => (
            <tr key={r.example}>
              <td>
                <code>{r.example}</code>
              </td>
              <td>{t(r.meaning)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('history.syntax.yo')}</p>
    </div>
  );
}
