package taxsync

// Seed 002's two answer examples, as JSON: the comments dropped and the
// example's curly quotes (“”) straightened; every value kept as written.

const seedPlainPage = `{
"pageSize": 100,
"currentPage": 1,
"count":201,
"InvoiceList": [
{
"billingDate": "2018-06-21",
"deductible": "0",
"deductibleDate": "",
"deductiblePeriod": "",
"deductibleType": "",
"deductibleMode": "",
"invoiceCode": "5200171130",
"invoiceNumber": "01539905",
"invoiceType": "01",
"purchaserName": "北京*********有限公司",
"purchaserTaxNo": "911*********15B",
"salesTaxName": "*******有限公司",
"salesTaxNo": "9152**********936",
"state": "0",
"totalAmount": 28155.34,
"totalTax": 844.66,
"validTax": 844.66,
"checkStatus": "1",
"checkDate": "",
"managementStatus": "0",
"abnormalType":"",
"checkCode":"",
"ylzd4":"不抵扣类型",
"ylzd5":"全电纸质发票的全电发票号码",
"tdyslxDm":"业务类型, 08 通行费,12 自产农产品,16 自小规模处采购农产品,空字符串或null-无业务类型"
}
],
"skssq": "202201"
}`

const seedAdapterPage = `{
"pageSize": "100",
"currentPage": "1",
"InvoiceList": {
"202002": {
"FP": [
{
"abnormalType": "",
"billingDate": "2020-01-16 00:00:00",
"checkDate": "2020-02-28 22:01:30",
"checkStatus": "1",
"checkTime": "2020-02-28 22:01:30",
"deductible": "1",
"deductibleDate": "2020-02-28 22:01:30",
"deductibleMode": "1",
"deductiblePeriod": "202002",
"deductibleType": "1",
"id": 0,
"invoiceCode": "1100193***",
"invoiceNumber": "06374***",
"invoiceType": "01",
"managementStatus": "0",
"purchaserName": "商贸有限公司",
"purchaserTaxNo": "91310115797033****",
"salesTaxName": "(中国)有限公司",
"salesTaxNo": "91110000625907****",
"source": "1",
"state": "0",
"totalAmount": 5763.7,
"totalTax": 749.28,
"validTax": 749.28,
"ylzd5": ""
}
],
"HGJKS": [
{
"abnormalType": "",
"billingDate": "2019-11-28 00:00:00",
"checkDate": "2020-02-24 15:19:28",
"checkStatus": "1",
"checkTime": "2020-02-24 15:19:28",
"deductible": "1",
"deductibleDate": "2020-02-24 15:19:28",
"deductibleMode": "1",
"deductiblePeriod": "202002",
"deductibleType": "1",
"id": 35100,
"invoiceCode": "",
"invoiceNumber": "53042019104106***8-L02",
"invoiceType": "17",
"managementStatus": "0",
"purchaserName": "贸有限公司",
"purchaserTaxNo": "91310115797033***",
"source": "1",
"state": "0",
"totalTax": 433138.8,
"tq_bj": "0",
"validTax": 433138.8,
"xg_sj": "2023-06-06 17:50:44"
}
]
},
"202306": {}
}
}`
