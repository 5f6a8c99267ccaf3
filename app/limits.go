package app

// Field lengths in GBK bytes (a Chinese character is 2), as providers count
// them. Seed 003 (迅联云 serverIssue) gives these limits; they are the
// strictest of the providers Fapiao speaks, so an invoice that passes them
// passes everywhere.
const (
	MaxPartyNameBytes    = 100 // buyerName, sellerName
	MaxAddressPhoneBytes = 100 // buyerAddress: 地址、电话 together
	MaxBankAccountBytes  = 100 // buyerBankAndId: 开户行及账号 together
	MaxEmailBytes        = 64  // receiveMsgEmail
	MaxRemarkBytes       = 212 // note
	MaxDrawerBytes       = 20  // drawer
	MaxItemNameBytes     = 92  // itemName, including the *简称* prefix
	MaxUnitBytes         = 14  // unit
	MaxSpecBytes         = 40  // itemModelName
	TaxCodeLength        = 19  // 商品和服务税收分类编码
	MaxAmountPlaces      = 2
	MaxQuantityPlaces    = 8
	MaxRatePlaces        = 3
)
