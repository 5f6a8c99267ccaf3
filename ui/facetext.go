package ui

import (
	"errors"

	"fyne.io/fyne/v2/lang"

	"fapiao/app"
)

// faceAppLabel names an app in the UI's language.
func faceAppLabel(a app.FaceApp) string {
	if a == app.FaceAppIncomeTax {
		return lang.X("face.app.iit", "个人所得税")
	}
	return lang.X("face.app.tax", "电子税务局")
}

// faceQRErrorText says why no new code could be had. kept says whether the
// code on screen is still good, so the clerk knows to scan that one.
func faceQRErrorText(err error, kept bool) string {
	var limit *app.FaceQRLimitError
	switch {
	case errors.As(err, &limit) && limit.RetryAt.IsZero():
		return lang.X("face.limit.day", "今日已获取 {{.Max}} 个人脸认证二维码,达到税局上限,请明天再试。",
			map[string]any{"Max": app.MaxFaceQRsPerDay})
	case errors.As(err, &limit) && kept:
		return lang.X("face.limit.minute_kept", "税局1分钟内只发一个新二维码,{{.At}} 后可换取。请先扫描当前二维码。",
			map[string]any{"At": clock(limit.RetryAt)})
	case errors.As(err, &limit):
		return lang.X("face.limit.minute", "税局1分钟内只发一个新二维码,{{.At}} 后可换取。",
			map[string]any{"At": clock(limit.RetryAt)})
	}
	return lang.X("face.qr_failed", "获取二维码失败:{{.Error}}", map[string]any{"Error": err.Error()})
}
