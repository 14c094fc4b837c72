"""A throwaway OpenID Connect provider (django-oidc-provider) that the SSO browser tests sign in through."""
