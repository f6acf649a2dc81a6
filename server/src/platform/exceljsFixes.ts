import { trackSpools } from './exceljsSpool.ts';
import { installSaxFix } from './xlsxSax.ts';
import { fixZipEarlyEnd } from './zipEntries.ts';

// A module of its own so that it runs before `import ExcelJS from 'exceljs'` in exceljs.ts (ES modules run
// their imports in order, before their own body): exceljs captures its XML reader when it loads.
installSaxFix();
// Entries at the end of an .xlsx were skipped at random under load (zipEntries.ts).
fixZipEarlyEnd();
// Temp files of a read given up are removed by the reader, not left until the process exits (exceljsSpool.ts).
trackSpools();
