// trackbase: a self-hosted backend for food, training and health tracking,
// built on PocketBase. This file only reads the configuration, adds the
// commands and starts the app that bind.App assembles.
package main

import (
	"log"
	"os"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/plugins/migratecmd"

	"trackbase/bind"
	"trackbase/config"
	"trackbase/lifestyleapp"
	_ "trackbase/pb_migrations"
	"trackbase/portability"
	"trackbase/replication"
	"trackbase/rollups"
	"trackbase/seed"
)

func main() {
	cfg, err := config.Read(os.Getenv)
	if err != nil {
		log.Fatal("refusing to start: ", err)
	}
	app := pocketbase.NewWithConfig(pocketbase.Config{DefaultEncryptionEnv: config.EncryptionEnv})

	// `trackbase migrate create` writes Go migrations into pb_migrations/;
	// automigrate stays off so dashboard edits never write migration files.
	migratecmd.MustRegister(app, app.RootCmd, migratecmd.Config{
		Dir:          "pb_migrations",
		TemplateLang: migratecmd.TemplateLangGo,
		Automigrate:  cfg.Automigrate,
	})

	bind.App(app, cfg)
	importCmd := portability.NewImportCommand(app)
	importCmd.AddCommand(lifestyleapp.NewCommand(app))
	app.RootCmd.AddCommand(seed.NewCommand(app), portability.NewExportCommand(app), importCmd, rollups.NewCommand(app))
	replication.Register(app, cfg.ReplicateURL)

	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}
