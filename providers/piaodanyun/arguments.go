package piaodanyun

import "fapiao/app"

// Arguments the provider could only refuse are refused before sending, as
// *app.ValidationError naming the wire field at fault.

// oneOf refuses an argument outside the values the provider knows, before
// anything is sent.
func oneOf(field, message string) *app.ValidationError {
	return &app.ValidationError{Errors: []app.FieldError{{Field: field, Rule: "one_of", Message: message}}}
}

// required refuses an empty argument before anything is sent.
func required(field, message string) *app.ValidationError {
	return &app.ValidationError{Errors: []app.FieldError{{Field: field, Rule: "required", Message: message}}}
}
