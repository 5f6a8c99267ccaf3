// Package leqi is the client of 乐企 (Leqi), the tax administration's
// direct-connect platform (seed 000 and the Leqi facts in the seeds'
// README). It downloads pre-assigned number segments (QDFPPLFM), uploads
// invoices the company numbered itself (QDFPSC), asks what became of an
// upload (CXQDFPSCJG) and reads the credit line (CXSXED), implementing
// app.NumberSource, app.Uploader and app.CreditProvider.
//
// Every call goes through Client.invoke: the request JSON is encrypted with
// SM4-ECB (PKCS7 padding, the 16-byte key given as 32 hex characters) and
// sent as base64 text to {base}/access/v2/invoke/{nlbm}/{fwbm} with the
// headers fwbm, nlbm and jrdwptbh. The answer {"Response": {"RequestId",
// "Data" | "Error"}} carries Data encrypted the same way (a plain object is
// tolerated), in which returncode "00" means success. Failures are
// *app.ProviderError, classified by what should happen next.
//
// The key is a secret: it is never logged and never part of an error, and
// anything a server echoes back is scrubbed of it. Wire names (nsrsbh,
// fphm, jshj…) stay inside this package.
package leqi
