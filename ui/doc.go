// Package ui is Fapiao's desktop interface, built with Fyne. It talks to the
// domain through *app.Services only (the dependency rule ui → app) and never
// imports fyne.io/fyne/v2/app, so it builds and tests without cgo using
// fyne.io/fyne/v2/test.
//
// main.go calls SetupApp once and then NewMainWindow. Work started from the
// UI (issuing, exporting, look-ups) runs in goroutines and comes back to the
// UI through fyne.Do (tasks.toUI).
package ui
