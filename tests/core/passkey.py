"""A software passkey for the tests: answers allauth's WebAuthn options as a browser with a platform authenticator
would, built from fido2's own data types and a P-256 key (no browser, no device)."""

import hashlib
import secrets

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from fido2.cose import ES256
from fido2.utils import websafe_decode
from fido2.webauthn import (
    AttestationObject,
    AttestedCredentialData,
    AuthenticationResponse,
    AuthenticatorAssertionResponse,
    AuthenticatorAttestationResponse,
    AuthenticatorData,
    CollectedClientData,
    RegistrationResponse,
)

# The Django test client's host: the relying party id allauth derives from the request, and a secure origin on it.
RP_ID = "testserver"
ORIGIN = f"https://{RP_ID}"
FLAGS = AuthenticatorData.FLAG


class SoftPasskey:
    def __init__(self, rp_id: str = RP_ID, origin: str = ORIGIN):
        self.rp_id, self.origin = rp_id, origin
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = secrets.token_bytes(32)
        self.counter = 0

    def _auth_data(self, flags, credential_data: bytes = b"") -> AuthenticatorData:
        self.counter += 1
        rp_id_hash = hashlib.sha256(self.rp_id.encode()).digest()
        return AuthenticatorData.create(rp_id_hash, flags, self.counter, credential_data)

    def create(self, creation_options: dict) -> dict:
        """The JSON a browser posts after navigator.credentials.create() (allauth's script, webauthn-json)."""
        options = creation_options["publicKey"]
        assert options["rp"]["id"] == self.rp_id, options["rp"]
        client_data = CollectedClientData.create(
            CollectedClientData.TYPE.CREATE, websafe_decode(options["challenge"]), self.origin
        )
        public_key = ES256.from_cryptography_key(self.key.public_key())
        attested = AttestedCredentialData.create(b"\0" * 16, self.credential_id, public_key)
        auth_data = self._auth_data(FLAGS.UP | FLAGS.UV | FLAGS.AT, attested)
        response = RegistrationResponse(
            raw_id=self.credential_id,
            response=AuthenticatorAttestationResponse(
                client_data=client_data, attestation_object=AttestationObject.create("none", auth_data, {})
            ),
        )
        return dict(response)

    def get(self, request_options: dict) -> dict:
        """The JSON a browser posts after navigator.credentials.get(), signed with this passkey's key."""
        options = request_options["publicKey"]
        client_data = CollectedClientData.create(
            CollectedClientData.TYPE.GET, websafe_decode(options["challenge"]), self.origin
        )
        auth_data = self._auth_data(FLAGS.UP | FLAGS.UV)
        signature = self.key.sign(bytes(auth_data) + client_data.hash, ec.ECDSA(hashes.SHA256()))
        response = AuthenticationResponse(
            raw_id=self.credential_id,
            response=AuthenticatorAssertionResponse(
                client_data=client_data, authenticator_data=auth_data, signature=signature
            ),
        )
        return dict(response)
