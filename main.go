// trackbase: a self-hosted backend for food, training and health tracking,
// built on PocketBase. This file only wires the parts together.
package main

import (
	"log"
	"os"
	"strings"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/plugins/migratecmd"

	"trackbase/hooks"
	_ "trackbase/pb_migrations"
	"trackbase/replication"
	"trackbase/routes"
	"trackbase/seed"
)

func main() {
	if err := hooks.CheckConfig(); err != nil {
		log.Fatal("refusing to start: ", err)
	}
	app := pocketbase.NewWithConfig(pocketbase.Config{DefaultEncryptionEnv: hooks.EncryptionEnv})

	// `trackbase migrate create` writes Go migrations into pb_migrations/;
	// automigrate stays off so dashboard edits never write migration files.
	migratecmd.MustRegister(app, app.RootCmd, migratecmd.Config{
		Dir:          "pb_migrations",
		TemplateLang: migratecmd.TemplateLangGo,
		Automigrate:  strings.EqualFold(os.Getenv("TRACKBASE_AUTOMIGRATE"), "true"),
	})

	hooks.Register(app)
	hooks.RegisterSecurity(app)
	routes.Register(app)
	app.RootCmd.AddCommand(seed.NewCommand(app))
	replication.Register(app)

	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}
