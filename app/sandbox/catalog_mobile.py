"""Test case templates of the second demo project "Acme Mobile App" (about 20 cases)."""

from __future__ import annotations

from app.sandbox.catalog import Folder, scenario

ONBOARDING = Folder(
    "fld_m_onboarding",
    "Onboarding",
    "onboarding",
    ("The app is freshly installed.", "The test phone is online."),
    (
        scenario(
            "First start on {v}",
            (
                ("Install the beta build and open it.", "The welcome screens appear."),
                ("Swipe through the welcome screens.", "Each one can be skipped."),
                ("Allow or deny notifications.", "The home screen opens either way."),
            ),
            "The app opens on {v} and remembers the choice about notifications.",
            "iOS 18",
            "Android 15",
            "a small Android phone (5 inch)",
            type="smoke",
        ),
        scenario(
            "Sign in with {v}",
            (
                ("Tap 'Sign in'.", "The sign-in screen opens."),
                ("Use {v}.", "The account's first name is shown."),
            ),
            "The same account as on the web shop is signed in.",
            "email and password",
            "Sign in with Apple",
            "a Google account",
        ),
        scenario(
            "Biometric unlock with {v}",
            (
                ("Switch on biometric unlock in Settings.", "The system asks for {v}."),
                ("Close and reopen the app.", "The app unlocks with {v}."),
            ),
            "The app never opens an account without the owner's {v}.",
            "Face ID",
            "a fingerprint",
        ),
    ),
    (2, 4, 3, 1),
)

BROWSE = Folder(
    "fld_m_browse",
    "Browse & search",
    "browse",
    ("The catalogue has at least 200 products.", "The phone is on a slow 3G profile."),
    (
        scenario(
            "Browse {v}",
            (
                ("Open the 'Shop' tab.", "Categories are listed."),
                ("Browse {v}.", "Products load while scrolling."),
            ),
            "Lists scroll smoothly and images load progressively.",
            "a category with 150 products",
            "the sale section",
            "recently viewed products",
        ),
        scenario(
            "Search {v}",
            (
                ("Tap the search icon.", "The keyboard opens."),
                ("Search {v}.", "Results appear."),
            ),
            "Search finds the same products as on the web shop.",
            "by typing",
            "by voice",
            "by scanning a barcode",
        ),
        scenario(
            "Offline: {v}",
            (
                ("Switch on airplane mode.", "An offline banner appears."),
                ("{v}.", "The app explains what works offline."),
                ("Switch airplane mode off.", "The banner disappears and data refreshes."),
            ),
            "The app never shows an empty screen or a raw error offline.",
            "Open a product seen before",
            "Open the cart",
            type="regression",
        ),
    ),
)

APP_CHECKOUT = Folder(
    "fld_m_checkout",
    "Checkout in app",
    "checkout",
    ("The cart holds one item.", "A test card is saved in the wallet."),
    (
        scenario(
            "Pay with {v}",
            (
                ("Open the cart and tap 'Checkout'.", "The checkout sheet opens."),
                ("Pay with {v}.", "The payment sheet confirms."),
                ("Look at the order screen.", "The order number is shown."),
            ),
            "The order is paid once and shows in the web shop's order history too.",
            "Apple Pay",
            "Google Pay",
            "a saved card",
            type="smoke",
        ),
        scenario(
            "Push notification when the order {v}",
            (
                ("Place an order with notifications allowed.", "The order is confirmed."),
                ("Wait until the order {v}.", "A push notification arrives."),
                ("Tap the notification.", "The order's screen opens."),
            ),
            "Every status change of the order is announced once.",
            "ships",
            "is delivered",
        ),
        scenario(
            "Hand-off from the app to the web checkout",
            (
                ("Start checkout in the app with a gift card.", "'Continue on the web' is shown."),
                ("Tap it.", "The web checkout opens with the same cart."),
            ),
            "No item or discount is lost between the app and the web.",
        ),
    ),
    (4, 3, 2, 1),
)

MOBILE_FOLDERS = (ONBOARDING, BROWSE, APP_CHECKOUT)
