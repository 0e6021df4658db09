export { pickCsv, type PickedCsv } from './pick-csv.h5'
