"""The coordinators' matching pages. To anyone who isn't a coordinator with two-factor set
up, every one of these URLs is a 404. Each view checks permission, validates its form,
calls one action or selector and renders or redirects."""
