CREATE TABLE "staff_dispatch_versions" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Hand-written (decision 023): the triggers that bump a provider's version when what dispatch reads of its
-- caregivers changes. Row-level, each upserting its organisation's counter in the writer's transaction.
CREATE FUNCTION staff_dispatch_bump(org uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF org IS NOT NULL THEN
    INSERT INTO staff_dispatch_versions (organisation_id, version) VALUES (org, 1)
    ON CONFLICT (organisation_id) DO UPDATE SET version = staff_dispatch_versions.version + 1;
  END IF;
END $$;
--> statement-breakpoint
-- staff_certificates, staff_shifts, staff_leaves, staff_bases, user_roles: the organisation of the row's user.
CREATE FUNCTION staff_dispatch_user_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM staff_dispatch_bump((SELECT organisation_id FROM users WHERE id = OLD.user_id));
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.user_id IS DISTINCT FROM OLD.user_id) THEN
    PERFORM staff_dispatch_bump((SELECT organisation_id FROM users WHERE id = NEW.user_id));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER staff_certificates_dispatch AFTER INSERT OR UPDATE OR DELETE ON staff_certificates
  FOR EACH ROW EXECUTE FUNCTION staff_dispatch_user_row();
--> statement-breakpoint
CREATE TRIGGER staff_shifts_dispatch AFTER INSERT OR UPDATE OR DELETE ON staff_shifts
  FOR EACH ROW EXECUTE FUNCTION staff_dispatch_user_row();
--> statement-breakpoint
CREATE TRIGGER staff_leaves_dispatch AFTER INSERT OR UPDATE OR DELETE ON staff_leaves
  FOR EACH ROW EXECUTE FUNCTION staff_dispatch_user_row();
--> statement-breakpoint
CREATE TRIGGER staff_bases_dispatch AFTER INSERT OR UPDATE OR DELETE ON staff_bases
  FOR EACH ROW EXECUTE FUNCTION staff_dispatch_user_row();
--> statement-breakpoint
CREATE TRIGGER user_roles_dispatch AFTER INSERT OR UPDATE OR DELETE ON user_roles
  FOR EACH ROW EXECUTE FUNCTION staff_dispatch_user_row();
--> statement-breakpoint
-- users: a new or removed account, or one whose status, name or organisation changed (not a sign-in).
CREATE FUNCTION staff_dispatch_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM staff_dispatch_bump(OLD.organisation_id);
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.organisation_id IS DISTINCT FROM OLD.organisation_id) THEN
    PERFORM staff_dispatch_bump(NEW.organisation_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_dispatch_write AFTER INSERT OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION staff_dispatch_user();
--> statement-breakpoint
CREATE TRIGGER users_dispatch_update AFTER UPDATE OF status, display_name, organisation_id ON users
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.display_name IS DISTINCT FROM NEW.display_name
    OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id)
  EXECUTE FUNCTION staff_dispatch_user();
