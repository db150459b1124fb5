// Writes the messy contact spreadsheets in test/fixtures/ (committed; run again only to change
// them): `npx tsx test/tools/make-contact-fixtures.ts`.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../fixtures/', import.meta.url));

// As HR sends it: a number column, a header with a remark, mixed phone formats, blank rows, a
// phone stored as a number, a duplicate written differently, a bad e-mail, a name missing.
const xlsxRows: (string | number | null)[][] = [
  ['№', 'ФИО', 'Телефон (моб.)', 'Должность', 'Подразделение', 'Теги', 'E-mail'],
  [1, 'Иванов Пётр Сергеевич', '8 (916) 123-45-67', 'Электромонтёр', 'Северный район / Бригада 1', '#авария #свет', 'ivanov@example.ru'],
  [2, 'Петров Семён', '+7 916 123 45 68', 'Мастер', 'Северный район', 'авария', null],
  [null, null, null, null, null, null, null],
  [3, 'Сидорова Алёна', '9161234569', 'Инженер', 'Южный район; Дежурные', '#учения', 'sidorova@example'],
  [4, 'Фёдоров Илья', '123', 'Водитель', 'Южный район', null, null],
  [5, 'Кузнецова Ольга', '8-916-123-45-67', 'Кладовщик', null, null, null],
  [6, null, '+79161234570', 'Стажёр', null, null, null],
  [7, 'Смирнов Олег', 79161234571, 'Диспетчер', 'Южный район', null, 'smirnov@example.ru'],
  [null, null, null, null, null, null, null],
  [8, '  Ёжиков   Тимур ', '+7(916)1234572', null, 'Северный район/Бригада 1', '#Авария', null],
];

const workbook = new ExcelJS.Workbook();
const sheet = workbook.addWorksheet('Сотрудники');
for (const r of xlsxRows) sheet.addRow(r);
await workbook.xlsx.writeFile(`${dir}contacts-messy.xlsx`);

// As Excel on a Russian Windows saves "CSV": Windows-1251, `;`, CRLF, a quoted cell with `;`.
const csv = [
  'Имя;Телефон;Должность;Группа;Теги;Почта',
  'Иванов Пётр Сергеевич;+7 916 123-45-67;Старший электромонтёр;Северный район / Бригада 1;#авария;ivanov@example.ru',
  'Жуков Артём;8 903 765-43-21;Слесарь;"Котельная №2; смена А";#газ;',
  ';;;;;',
  'Белова Ирина;не помню;Кассир;;;',
  'Орлов Николай;+7 (903) 765-43-22;Сварщик;Котельная №2;#газ #сварка;orlov@example.ru',
].join('\r\n');
writeFileSync(`${dir}contacts-cp1251.csv`, iconv.encode(`${csv}\r\n`, 'win1251'));
console.log('written to', dir);
