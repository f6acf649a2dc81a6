// The only module that imports exceljs (an ESLint rule enforces it), after exceljsFixes.ts has replaced
// exceljs's XML reader (which exceljs captures when it loads, xlsxSax.ts) and fixed its zip entries'
// stream (zipEntries.ts).
import './exceljsFixes.ts';
import ExcelJS from 'exceljs';

export default ExcelJS;
