package ai

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"trackbase/collections"
	"trackbase/llm"
	"trackbase/routes/common"
)

// transcribe sends the multipart `audio` file (at most 10 MB, audio only) to the
// Whisper-compatible endpoint; with ?parse=true the text is also parsed as a meal (preview).
func (s *service) transcribe(e *core.RequestEvent) error {
	file, header, err := e.Request.FormFile("audio")
	if err != nil {
		if strings.Contains(err.Error(), "too large") {
			return common.FieldError(e, "audio", "audio must be at most 10 MB.")
		}
		return common.FieldError(e, "audio", "audio is required: send the recording as the multipart field \"audio\".")
	}
	defer file.Close()
	if header.Size > maxAudioBytes {
		return common.FieldError(e, "audio", fmt.Sprintf("audio must be at most 10 MB (it has %.1f MB).", float64(header.Size)/(1<<20)))
	}
	data, err := io.ReadAll(io.LimitReader(file, maxAudioBytes+1))
	if err != nil {
		return common.FieldError(e, "audio", "audio could not be read.")
	}
	if len(data) > maxAudioBytes {
		return common.FieldError(e, "audio", "audio must be at most 10 MB.")
	}
	if !isAudio(header.Header.Get("Content-Type"), data) {
		return common.FieldError(e, "audio", "audio must be a recording (wav, mp3, m4a, ogg, webm or flac).")
	}
	if err := s.requireModel(e); err != nil {
		return err
	}
	input := fmt.Sprintf("audio %q, %d bytes", header.Filename, len(data))
	res, err := s.transcribeAudio(e, input, llm.Audio{Filename: header.Filename, Data: data, Seconds: wavSeconds(data)})
	if err != nil {
		return s.fail(e, input, llm.AsError(err))
	}
	out := map[string]any{"text": res.Text, "model": s.cfg.TranscriptionModel, "usage": sumUsage(res.Attempts)}
	if e.Request.URL.Query().Get("parse") == "true" && res.Text != "" {
		// the transcript is kept even when parsing fails: the failure is logged and reported
		// next to it
		p, err := s.parse(e, collections.Truncate(res.Text, maxMealTextRunes))
		var ferr *llm.Error
		switch {
		case errors.As(err, &ferr):
			s.logFailure(e, res.Text, ferr)
			out["parse_error"] = map[string]any{"code": string(ferr.Kind), "message": clientMessage(ferr, s.cfg.Timeout)}
		case err != nil:
			return e.InternalServerError("", err)
		default:
			out["parse"] = p
		}
	}
	return common.OK(e, out)
}

// transcribeAudio makes and records the transcription call under the budget, and gives the
// user's turn back before ?parse=true takes it again.
func (s *service) transcribeAudio(e *core.RequestEvent, input string, audio llm.Audio) (llm.TranscriptionResult, error) {
	release, berr := s.reserve(e)
	if berr != nil {
		return llm.TranscriptionResult{}, berr
	}
	defer release()
	res, err := s.client.Transcribe(e.Request.Context(), audio)
	s.recordAttempts(e.App, e.Auth.Id, requestTranscription, input, res.Text, res.Attempts, nil)
	return res, err
}

// audioTypes are the sniffed types Whisper-compatible servers accept; mp4/m4a and webm sniff
// as video containers.
var audioTypes = []string{"audio/", "application/ogg", "video/webm", "video/mp4"}

// isAudio accepts a file whose declared type (when one is given) is audio and whose content
// sniffs as audio.
func isAudio(declared string, data []byte) bool {
	if declared != "" && declared != "application/octet-stream" {
		mt, _, err := mime.ParseMediaType(declared)
		if err != nil || !hasAnyPrefix(mt, audioTypes) {
			return false
		}
	}
	if bytes.HasPrefix(data, []byte("fLaC")) {
		return true
	}
	return hasAnyPrefix(http.DetectContentType(data), audioTypes)
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// minWavByteRate is the lowest byte rate a recording has (8 kHz, 8-bit, mono): a header
// claiming less would make a few bytes last hours.
const minWavByteRate = 8000

// wavSeconds is the duration of a PCM WAV file, 0 for anything else; transcription is priced
// per minute. It counts the data bytes actually sent (never more than the header claims) at
// the header's byte rate, at least minWavByteRate, so the header cannot inflate the cost.
func wavSeconds(data []byte) float64 {
	if len(data) < 12 || string(data[0:4]) != "RIFF" || string(data[8:12]) != "WAVE" {
		return 0
	}
	var byteRate uint32
	for pos := 12; pos+8 <= len(data); {
		id := string(data[pos : pos+4])
		size := binary.LittleEndian.Uint32(data[pos+4 : pos+8])
		body := pos + 8
		switch {
		case id == "fmt " && body+12 <= len(data):
			byteRate = binary.LittleEndian.Uint32(data[body+8 : body+12])
		case id == "data":
			sent := min(uint64(size), uint64(len(data)-body))
			return float64(sent) / float64(max(byteRate, minWavByteRate))
		}
		pos = body + int(size) + int(size&1)
	}
	return 0
}
