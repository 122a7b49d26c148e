// Package lifestyleapp moves the users and rows of the Django original
// (LifestyleApp) from its SQLite database into trackbase, in one
// transaction. Each row's record id is derived from its table and original
// id, so a second run finds every row already there and creates nothing;
// rows also carry import_source/import_key where their collection has them.
// Passwords move as Django hashes that the first sign-in replaces
// (hooks/legacypassword.go).
package lifestyleapp

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
	"github.com/pocketbase/pocketbase/tools/types"

	"trackbase/collections"
	"trackbase/djangohash"
)

// Source is the import_source of the rows moved from the original.
const Source = "lifestyleapp"

// Note is a row or value the import could not carry as it was.
type Note struct {
	Table string `json:"table"`
	ID    string `json:"id"`
	Field string `json:"field,omitempty"`
	Why   string `json:"why"`
}

func (n Note) String() string {
	if n.Field == "" {
		return fmt.Sprintf("%s %s: %s", n.Table, n.ID, n.Why)
	}
	return fmt.Sprintf("%s %s, %s: %s", n.Table, n.ID, n.Field, n.Why)
}

// Report says what one run did, per trackbase collection.
type Report struct {
	Created map[string]int `json:"created"`
	// Updated: rows trackbase makes itself for a new user (a priority per
	// muscle) that took the original's values.
	Updated map[string]int `json:"updated"`
	// Existing: rows a previous run moved, left alone.
	Existing map[string]int `json:"existing"`
	// Skipped rows were not carried; Dropped values were left out of a
	// row that was (a value out of range, a password that is not a hash).
	Skipped []Note `json:"skipped"`
	Dropped []Note `json:"dropped"`
}

// Import moves everything in the LifestyleApp database at path into app, in
// one transaction.
func Import(app core.App, path string) (*Report, error) {
	src, err := openSource(path)
	if err != nil {
		return nil, err
	}
	defer src.db.Close()
	rep := &Report{Created: map[string]int{}, Updated: map[string]int{}, Existing: map[string]int{}, Skipped: []Note{}, Dropped: []Note{}}
	err = app.RunInTransaction(func(tx core.App) error {
		im := &importer{tx: tx, src: src, rep: rep, ids: map[string]map[string]string{}, seen: map[string]map[string]bool{}, imperial: map[string]bool{}}
		if err := im.referenceData(); err != nil {
			return err
		}
		if err := im.users(); err != nil {
			return err
		}
		for _, t := range tables {
			if err := im.table(t); err != nil {
				return fmt.Errorf("%s: %w", t.name, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}

type importer struct {
	tx  core.App
	src *source
	rep *Report
	// ids maps an original table's ids to the records they became; seen
	// holds every id the table has, carried or not.
	ids  map[string]map[string]string
	seen map[string]map[string]bool
	// imperial: the user (by original id) prefers imperial units, which
	// reads the values the original stores without a unit.
	imperial map[string]bool
	// the original's units, activity levels and access levels by id
	unitNames, activityNames, roleNames map[string]string
}

// RecordID is the trackbase id of an original row: the same on every run.
func RecordID(table, id string) string {
	sum := sha256.Sum256([]byte(Source + ":" + table + ":" + id))
	return hex.EncodeToString(sum[:])[:15]
}

// byName reads id → name of a small reference table of the original.
func (im *importer) byName(table, pk, col string) (map[string]string, error) {
	rows, err := im.src.rows(table, pk)
	out := map[string]string{}
	for _, r := range rows {
		out[r.str(pk)] = strings.TrimSpace(r.str(col))
	}
	return out, err
}

// referenceData maps the original's muscles to trackbase's by name and reads
// its units, activity and access levels, which users refer to by id.
func (im *importer) referenceData() error {
	var err error
	if im.unitNames, err = im.byName("units", "unit_id", "unit_name"); err != nil {
		return err
	}
	if im.activityNames, err = im.byName("activity_levels", "activity_level_id", "name"); err != nil {
		return err
	}
	if im.roleNames, err = im.byName("access_levels", "access_level_id", "role_name"); err != nil {
		return err
	}
	muscles, err := im.byName("muscles", "muscles_id", "muscle_name")
	if err != nil {
		return err
	}
	var ours []struct {
		ID   string `db:"id"`
		Name string `db:"muscle_name"`
	}
	if err := im.tx.DB().Select("id", "muscle_name").From(collections.Muscles).All(&ours); err != nil {
		return err
	}
	byName := map[string]string{}
	for _, m := range ours {
		byName[strings.ToLower(m.Name)] = m.ID
	}
	im.ids["muscles"], im.ids[muscleNames] = map[string]string{}, map[string]string{}
	im.seen["muscles"], im.seen[muscleNames] = map[string]bool{}, map[string]bool{}
	for id, name := range muscles {
		im.seen["muscles"][id], im.seen[muscleNames][name] = true, true
		if ours, ok := byName[strings.ToLower(name)]; ok {
			im.ids["muscles"][id], im.ids[muscleNames][name] = ours, ours
		} else {
			im.rep.Skipped = append(im.rep.Skipped, Note{Table: "muscles", ID: id, Why: fmt.Sprintf("no trackbase muscle is named %q (rows naming it are skipped)", name)})
		}
	}
	return nil
}

// imperialUnits are the original's unit names that mean a user prefers
// imperial units (its profile offers metric/imperial, its seeds lb/kg).
var imperialUnits = []string{"imperial", "lb", "lbs", "oz", "in", "ft", "mile", "fl oz", "cup", "gallon", "pint", "quart"}

func (im *importer) users() error {
	rows, err := im.src.rows("users", "user_id")
	if err != nil {
		return err
	}
	im.ids["users"], im.seen["users"] = map[string]string{}, map[string]bool{}
	users, err := im.tx.FindCachedCollectionByNameOrId(collections.Users)
	if err != nil {
		return err
	}
	for _, r := range rows {
		orig := r.str("user_id")
		im.seen["users"][orig] = true
		pref := strings.ToLower(im.unitNames[r.str("unit_preference")])
		im.imperial[orig] = pref != "" && slices.Contains(imperialUnits, pref)
		id := RecordID("users", orig)
		if _, err := im.tx.FindRecordById(users, id); err == nil {
			im.ids["users"][orig] = id
			im.rep.Existing[collections.Users]++
			continue
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		taken, err := im.taken(r)
		if err != nil {
			return err
		}
		if taken != "" {
			im.skip("users", orig, "", taken+" already belongs to another trackbase account; the user and their rows are not moved")
			continue
		}
		rec := core.NewRecord(users)
		rec.Id = id
		f, err := im.userFields(r, orig)
		if err != nil {
			im.skip("users", orig, "", err.Error())
			continue
		}
		ok, err := im.save(rec, "users", orig, f)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		// the original's goal history moves as it is, without the first
		// goals row trackbase gives a new account
		if _, err := im.tx.DB().Delete(collections.UserGoals, dbx.HashExp{"user": id}).Execute(); err != nil {
			return err
		}
	}
	return nil
}

// taken names the original user's username or e-mail when another
// trackbase account already has it.
func (im *importer) taken(r row) (string, error) {
	for _, field := range []string{"username", "email"} {
		var n int
		err := im.tx.DB().Select("count(*)").From(collections.Users).
			Where(dbx.NewExp("lower([["+field+"]]) = lower({:v})", dbx.Params{"v": r.str(field)})).Row(&n)
		if err != nil || n > 0 {
			return fmt.Sprintf("%s %q", field, r.str(field)), err
		}
	}
	return "", nil
}

func (im *importer) userFields(r row, orig string) (map[string]any, error) {
	f := map[string]any{"email": strings.TrimSpace(r.str("email")), "timezone": "UTC",
		"unit_preference": pick(im.imperial[orig], "imperial", "metric")}
	texts(f, r, "username", "first_name", "last_name")
	if g := strings.ToLower(r.str("gender")); g != "" {
		f["gender"] = g
	}
	if err := timeInto(f, r, "birthday", "birthday"); err != nil {
		return nil, err
	}
	if err := timeInto(f, r, "created", "date_joined"); err != nil {
		return nil, err
	}
	// the original's height has no unit (its seeds give 72 "inches" and
	// 165 "cm"): read as inches for a user who prefers imperial units
	if h, ok, err := r.num("height"); err != nil {
		return nil, err
	} else if ok {
		if im.imperial[orig] {
			h *= 2.54
		}
		f["height_cm"] = float64(int(h*10+0.5)) / 10
	}
	// the original treats a user without access level as a guest
	role := im.roleNames[r.str("access_level_id")]
	if role == "" {
		role = collections.RoleGuest
	}
	level, err := collections.AccessLevelID(im.tx, role)
	if err != nil {
		return nil, fmt.Errorf("access level %q is not one of trackbase's", role)
	}
	f["access_level"] = level
	if name := im.activityNames[r.str("activity_level_id")]; name != "" {
		if rec, err := im.tx.FindFirstRecordByData(collections.ActivityLevels, "name", name); err == nil {
			f["activity_level"] = rec.Id
		} else {
			im.drop("users", orig, "activity_level", fmt.Sprintf("no trackbase activity level is named %q", name))
		}
	}
	// a random password nobody knows: the first sign-in checks the Django hash
	f["password"] = security.RandomString(48)
	if hash := r.str("password"); djangohash.Supported(hash) {
		f[collections.LegacyPasswordHash] = hash
	} else {
		im.drop("users", orig, "password", "not a pbkdf2_sha256 hash (unusable or another algorithm): the user sets a new password by reset")
	}
	return f, nil
}

// table moves one table's rows.
func (im *importer) table(t table) error {
	rows, err := im.src.rows(t.name, t.pk)
	if err != nil {
		return err
	}
	col, err := im.tx.FindCachedCollectionByNameOrId(t.collection)
	if err != nil {
		return err
	}
	im.ids[t.name], im.seen[t.name] = map[string]string{}, map[string]bool{}
	for _, r := range rows {
		orig := r.str(t.pk)
		im.seen[t.name][orig] = true
		id := RecordID(t.name, orig)
		if _, err := im.tx.FindRecordById(col, id); err == nil {
			im.ids[t.name][orig] = id
			im.rep.Existing[t.collection]++
			continue
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		f, err := t.fields(r, im.imperial[r.str(t.owner)])
		if err != nil {
			im.skip(t.name, orig, "", err.Error())
			continue
		}
		if !im.resolve(t, r, orig, f) {
			continue
		}
		rec := core.NewRecord(col)
		rec.Id = id
		if t.collection == collections.MuscleLogs {
			// a new account has a priority for every muscle already: it
			// takes the original's
			existing, err := im.tx.FindFirstRecordByFilter(col, "user = {:u} && muscle = {:m}", dbx.Params{"u": f["user"], "m": f["muscle"]})
			if err == nil {
				if existing.GetString("import_key") == importKey(t.name, orig) {
					im.ids[t.name][orig] = existing.Id
					im.rep.Existing[t.collection]++
					continue
				}
				rec = existing
			}
		}
		if _, err := im.save(rec, t.name, orig, f); err != nil {
			return err
		}
	}
	return nil
}

// resolve sets the row's relations from its links; false (and a note) when
// a required one is not carried.
func (im *importer) resolve(t table, r row, orig string, f map[string]any) bool {
	for _, l := range t.links {
		v := strings.TrimSpace(r.str(l.col))
		if v == "" && l.optional {
			continue
		}
		id, ok := im.ids[l.table][v]
		if !ok {
			why := fmt.Sprintf("%s %q does not exist (orphan row)", l.table, v)
			if im.seen[l.table][v] {
				why = fmt.Sprintf("%s %q was not moved", l.table, v)
			}
			im.skip(t.name, orig, l.col, why)
			return false
		}
		f[l.field] = id
	}
	return true
}

func importKey(table, orig string) string { return table + ":" + orig }

// save sets the fields and saves rec. Values the schema refuses in optional
// fields are dropped (and noted) and the row saved without them; a row whose
// required value is refused is skipped. ok tells whether the row was saved.
func (im *importer) save(rec *core.Record, table, orig string, f map[string]any) (ok bool, err error) {
	col := rec.Collection()
	if col.Fields.GetByName("import_key") != nil {
		f["import_source"], f["import_key"] = Source, importKey(table, orig)
	}
	isNew := rec.IsNew()
	for {
		for k, v := range f {
			if _, auto := col.Fields.GetByName(k).(*core.AutodateField); auto {
				// Set ignores an autodate field; SetRaw keeps the original's date
				dt, err := types.ParseDateTime(v)
				if err != nil {
					return false, err
				}
				rec.SetRaw(k, dt)
				continue
			}
			rec.Set(k, v)
		}
		err := im.tx.Save(rec)
		var verrs validation.Errors
		if err == nil {
			break
		}
		if !errors.As(err, &verrs) {
			return false, err
		}
		fields := make([]string, 0, len(verrs))
		for k := range verrs {
			fields = append(fields, k)
		}
		sort.Strings(fields)
		for _, k := range fields {
			if fd := col.Fields.GetByName(k); fd == nil || isRequired(fd) || f[k] == nil {
				im.skip(table, orig, k, fmt.Sprintf("%v (value %v)", verrs[k], f[k]))
				return false, nil
			}
		}
		for _, k := range fields {
			im.drop(table, orig, k, fmt.Sprintf("%v (value %v)", verrs[k], f[k]))
			delete(f, k)
			rec.Set(k, nil)
		}
	}
	im.ids[table][orig] = rec.Id
	if isNew {
		im.rep.Created[col.Name]++
	} else {
		im.rep.Updated[col.Name]++
	}
	return true, nil
}

// isRequired reads a field's Required option, which every field type has
// but no interface names.
func isRequired(f core.Field) bool {
	v := reflect.ValueOf(f)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	r := v.FieldByName("Required")
	return r.IsValid() && r.Kind() == reflect.Bool && r.Bool()
}

func (im *importer) skip(table, id, field, why string) {
	im.rep.Skipped = append(im.rep.Skipped, Note{Table: table, ID: id, Field: field, Why: why})
}

func (im *importer) drop(table, id, field, why string) {
	im.rep.Dropped = append(im.rep.Dropped, Note{Table: table, ID: id, Field: field, Why: why})
}
