package layout

import (
	"bytes"
	"sync"
	"testing"
)

// The sandbox serves layout files to concurrent requests: rendering must
// share nothing mutable between calls.
func TestRenderingConcurrentlyIsSafeAndDeterministic(t *testing.T) {
	inv := discountInvoice(t)
	wantXML, err := XML(inv)
	if err != nil {
		t.Fatal(err)
	}
	wantOFD, err := OFD(inv)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 24)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := PDF(inv); err != nil {
				errs <- err
			}
			if got, err := OFD(inv); err != nil {
				errs <- err
			} else if !bytes.Equal(got, wantOFD) {
				t.Error("OFD rendered concurrently differs from the sequential one")
			}
			got, err := XML(inv)
			if err != nil {
				errs <- err
			} else if !bytes.Equal(got, wantXML) {
				t.Error("XML rendered concurrently differs from the sequential one")
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
