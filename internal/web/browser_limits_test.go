package web

import "testing"

// SetBodyLimits lowers the request body limits of the pages for one test
// (upload and form bodies, and the part of a multipart form kept in memory),
// so that a test can exceed them without sending hundreds of megabytes.
func SetBodyLimits(t *testing.T, upload, form, memory int64) {
	old := [3]int64{maxUploadBody, maxFormBody, multipartMemory}
	maxUploadBody, maxFormBody, multipartMemory = upload, form, memory
	t.Cleanup(func() { maxUploadBody, maxFormBody, multipartMemory = old[0], old[1], old[2] })
}
