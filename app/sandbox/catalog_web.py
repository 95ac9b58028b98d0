"""Test case templates of the demo project "Acme Web Shop" (about 150 cases in 8 folders)."""

from __future__ import annotations

from app.sandbox.catalog import Folder, scenario

LOGIN = Folder(
    "fld_login",
    "Login & accounts",
    "accounts",
    (
        "A registered customer account exists (qa.shopper@acme.example).",
        "The browser has no Acme cookies; start from the home page.",
        "A customer account with two saved addresses exists.",
    ),
    (
        scenario(
            "Sign in with {v}",
            (
                ("Open the home page and click 'Sign in'.", "The sign-in dialog opens."),
                ("Choose {v} and enter valid credentials.", "The credentials are accepted."),
                ("Confirm.", "The account menu shows the customer's first name."),
            ),
            "The customer is signed in and lands on the page they came from.",
            "email and password",
            "a Google account",
            "an Apple ID",
            type="smoke",
        ),
        scenario(
            "Sign-in is refused with {v}",
            (
                ("Open the sign-in dialog.", "The dialog shows email and password fields."),
                ("Sign in with {v}.", "An inline error appears under the form."),
                ("Look at the error text.", "It does not say which of the two fields was wrong."),
            ),
            "The customer stays signed out and can try again.",
            "a wrong password",
            "an unknown email address",
            "a locked account",
        ),
        scenario(
            "Reset a forgotten password {v}",
            (
                ("Click 'Forgot password?' in the sign-in dialog.", "The reset form opens."),
                ("Enter the account's email address and submit.", "A confirmation message shows."),
                ("Open the reset email {v}.", "The email arrives within a minute."),
                ("Follow the link and set a new password.", "The new password is accepted."),
                ("Sign in with the new password.", "Sign-in succeeds."),
            ),
            "The old password no longer works; the new one does.",
            "on desktop",
            "on a phone",
        ),
        scenario(
            "Register a new account {v}",
            (
                ("Open 'Create account'.", "The registration form opens."),
                ("Fill in name, email and a strong password {v}.", "Each field validates inline."),
                ("Accept the terms and submit.", "A welcome page opens."),
                ("Open the confirmation email and click the link.", "The account is confirmed."),
            ),
            "The new account can sign in and has an empty order history.",
            "",
            "with a password manager",
            "with marketing emails switched off",
        ),
        scenario(
            "Session {v}",
            (
                ("Sign in and add an item to the cart.", "The cart badge shows 1."),
                ("Check that the session {v}.", "The session behaves as specified."),
                ("Reload the page.", "The cart still holds the item."),
            ),
            "Nothing in the cart is lost when the session changes.",
            "expires after 30 minutes idle",
            "survives a browser restart with 'Remember me'",
            "ends on sign-out in another tab",
            type="regression",
        ),
        scenario(
            "Edit the saved {v} in the account",
            (
                ("Open 'My account'.", "The account overview opens."),
                ("Edit the {v} and save.", "A 'Saved' toast appears."),
                ("Reload the page.", "The change is still there."),
            ),
            "The account shows the edited {v}; checkout pre-fills it.",
            "delivery address",
            "phone number",
            "newsletter preferences",
        ),
        scenario(
            "Two-factor sign-in with {v}",
            (
                ("Switch on two-factor sign-in in 'Security'.", "Setup instructions are shown."),
                ("Sign out, then sign in with email and password.", "A code is asked for."),
                ("Enter the code from {v}.", "The code is accepted."),
            ),
            "Without a valid code the account can't be opened.",
            "an authenticator app",
            "an SMS",
            type="regression",
        ),
        scenario(
            "Delete the account",
            (
                ("Open 'My account' > 'Privacy'.", "'Delete account' is shown."),
                ("Delete the account and confirm with the password.", "A goodbye page opens."),
                ("Try to sign in again.", "Sign-in is refused."),
            ),
            "The account and its saved data are gone; past invoices are kept as the law asks.",
        ),
    ),
    (2, 4, 3, 1),
)

SEARCH = Folder(
    "fld_search",
    "Search",
    "search",
    (
        "The catalogue index was rebuilt today.",
        "The customer is signed out.",
        "The product 'Trail Runner 2 GTX' is in stock in sizes 38-46.",
    ),
    (
        scenario(
            "Search by {v}",
            (
                ("Click the search field in the header.", "Recent searches appear."),
                ("Type {v} and press Enter.", "The results page opens."),
                ("Look at the first row of results.", "The matching product is among them."),
            ),
            "Relevant products are listed first, with price and availability.",
            "product name",
            "SKU",
            "brand",
            "a misspelled name ('trial runer')",
            type="smoke",
        ),
        scenario(
            "Suggestions while typing {v}",
            (
                ("Type the first three letters {v}.", "A suggestion list opens within 300 ms."),
                (
                    "Move through the suggestions with the arrow keys.",
                    "The focus moves row by row.",
                ),
                ("Pick a suggestion.", "Its product page or results page opens."),
            ),
            "Suggestions are relevant and can be used with mouse and keyboard.",
            "of a product",
            "of a category",
        ),
        scenario(
            "Filter results by {v}",
            (
                ("Search for 'jacket'.", "Results are shown."),
                ("Open the filter panel and choose a {v}.", "The result count updates."),
                ("Remove the filter chip.", "The original results come back."),
            ),
            "Only products matching the {v} filter are shown while it is on.",
            "size",
            "colour",
            "price range",
            "brand",
        ),
        scenario(
            "Sort results by {v}",
            (
                ("Search for 'shoes'.", "Results are shown in relevance order."),
                ("Choose 'Sort by {v}'.", "The order changes."),
                ("Go to page 2.", "The sort order is kept."),
            ),
            "Results are ordered by {v} across pages.",
            "price, low to high",
            "newest",
            "customer rating",
            type="regression",
        ),
        scenario(
            "Search with no results",
            (
                ("Search for 'xqzv'.", "The empty results page opens."),
                ("Read the page.", "It suggests checking the spelling and shows popular items."),
            ),
            "The customer is never left on a blank page.",
            type="usability",
        ),
        scenario(
            "Search from {v}",
            (
                ("Open {v}.", "The search field is in the header."),
                ("Search for 'rain jacket'.", "The results page opens."),
            ),
            "Search works the same from every page.",
            "the home page",
            "a category page",
            "the 'page not found' page",
        ),
        scenario(
            "Search {v}",
            (
                ("Type a query {v}.", "The field accepts it."),
                ("Press Enter.", "The results page opens without an error."),
                ("Look at the query shown above the results.", "It is shown exactly as typed."),
            ),
            "Unusual input never breaks search.",
            "with accents ('crème')",
            "with quotes and an ampersand",
            "of 200 characters",
            type="regression",
        ),
    ),
)

PRODUCT = Folder(
    "fld_product",
    "Product page",
    "product",
    (
        "The product 'Trail Runner 2 GTX' has 6 photos and 14 reviews.",
        "A product with size and colour variants is published.",
        "The customer is signed in.",
    ),
    (
        scenario(
            "Choose a {v} variant",
            (
                ("Open the product page.", "The default variant is preselected."),
                ("Pick another {v}.", "Price, photos and stock update without a reload."),
                ("Add it to the cart.", "The cart shows the chosen {v}."),
            ),
            "The cart line carries the chosen {v} and its price.",
            "size",
            "colour",
        ),
        scenario(
            "Photo gallery {v}",
            (
                ("Open the product page.", "The first photo is shown large."),
                ("Browse the photos {v}.", "The photos change as expected."),
                ("Close the zoom view with Escape.", "The page is back where it was."),
            ),
            "Every photo can be seen in full size.",
            "with thumbnails",
            "with swipe on a touch screen",
            "in zoom view",
        ),
        scenario(
            "Out-of-stock {v}",
            (
                ("Open a product whose chosen size is sold out.", "'Sold out' replaces the price."),
                ("Check the {v}.", "It behaves as specified."),
            ),
            "A sold-out variant can't be added to the cart.",
            "'Add to cart' button",
            "'Notify me' sign-up",
            type="regression",
        ),
        scenario(
            "Reviews: {v}",
            (
                ("Scroll to the reviews.", "The average rating and count are shown."),
                ("Use the reviews to {v}.", "The list updates."),
            ),
            "Reviews are readable and the numbers add up.",
            "sort by most helpful",
            "filter by 1-star reviews",
            "write a review as a verified buyer",
        ),
        scenario(
            "Price shown {v}",
            (
                ("Open a product on sale.", "The old price is struck through."),
                ("Compare the price {v}.", "Both show the same amount."),
            ),
            "The customer pays the price the page shows.",
            "with the cart",
            "in the search results",
            "with VAT switched to a business account",
        ),
        scenario(
            "Delivery estimate for {v}",
            (
                ("Open a product page.", "A delivery estimate is shown."),
                ("Change the postcode to {v}.", "The estimate updates."),
            ),
            "The estimate matches the carrier's promise for that postcode.",
            "a city postcode",
            "an island postcode",
        ),
        scenario(
            "Size guide for {v}",
            (
                ("Open a product page and click 'Size guide'.", "The size guide opens."),
                ("Pick a size in the guide.", "The product page preselects that size."),
            ),
            "The guide helps choose a size for {v} without leaving the page.",
            "shoes",
            "clothing",
            type="usability",
        ),
        scenario(
            "Share a product {v}",
            (
                ("Click 'Share' on the product page.", "The share options open."),
                ("Share {v}.", "The shared link opens the same product and variant."),
            ),
            "A shared product opens for someone who is not signed in.",
            "by copying the link",
            "on Pinterest",
        ),
    ),
)

CART = Folder(
    "fld_cart",
    "Cart",
    "cart",
    (
        "The cart is empty.",
        "The cart holds three different items.",
        "Promo code SPRING10 is active until the end of the month.",
    ),
    (
        scenario(
            "Add to cart from {v}",
            (
                ("Open {v}.", "The product is shown with 'Add to cart'."),
                ("Click 'Add to cart'.", "The mini cart opens with the item."),
                ("Open the cart.", "The line shows quantity 1 and the right price."),
            ),
            "The item is in the cart and the badge count went up by one.",
            "the product page",
            "the search results",
            "the wish list",
            type="smoke",
        ),
        scenario(
            "Change the quantity {v}",
            (
                ("Open the cart.", "Each line shows a quantity field."),
                ("Change the quantity {v}.", "The line total and the cart total update."),
            ),
            "Totals are always quantity x unit price, plus shipping.",
            "with the + and - buttons",
            "by typing 12",
            "to 0",
        ),
        scenario(
            "Apply promo code {v}",
            (
                ("Open the cart and expand 'Promo code'.", "A code field appears."),
                ("Enter {v} and apply.", "A message says whether the code was accepted."),
                ("Check the totals.", "The discount line matches the message."),
            ),
            "Valid codes reduce the total; invalid ones say why they were refused.",
            "SPRING10",
            "an expired code",
            "a code for another category",
            type="regression",
        ),
        scenario(
            "Cart is kept {v}",
            (
                ("Add two items to the cart.", "The badge shows 2."),
                ("Open the cart again {v}.", "The cart is restored."),
            ),
            "No item disappears from the cart.",
            "after signing in",
            "after 7 days",
            "across two devices of the same account",
        ),
        scenario(
            "Remove an item from the cart",
            (
                ("Open the cart with three items.", "Three lines are shown."),
                ("Click 'Remove' on the second line.", "The line disappears with an 'Undo' link."),
                ("Click 'Undo'.", "The line comes back at the same position."),
            ),
            "Removing can be undone; totals follow every change.",
        ),
        scenario(
            "Mini cart {v}",
            (
                ("Add an item to the cart.", "The mini cart opens."),
                ("Check that the mini cart {v}.", "It behaves as specified."),
            ),
            "The mini cart never hides the page for longer than needed.",
            "closes on a click outside",
            "shows the last added item first",
            "links to the full cart",
            type="usability",
        ),
        scenario(
            "Cart limit: {v}",
            (
                ("Fill the cart up to the limit: {v}.", "The cart accepts items up to the limit."),
                ("Try to add one more.", "A message explains the limit."),
            ),
            "The limit is explained, never silently applied.",
            "10 of one item",
            "50 lines",
        ),
    ),
)

CHECKOUT = Folder(
    "fld_checkout",
    "Checkout",
    "checkout",
    (
        "The cart holds two items worth EUR 84.90.",
        "The customer is signed in with a saved address.",
        "The customer checks out as a guest.",
    ),
    (
        scenario(
            "Check out as {v}",
            (
                ("Open the cart and click 'Checkout'.", "The address step opens."),
                ("Continue as {v}.", "The address form is filled or empty as expected."),
                ("Choose standard delivery.", "Shipping cost is added."),
                ("Pay with the test card 4242 4242 4242 4242.", "Payment is accepted."),
                ("Look at the confirmation page.", "The order number is shown."),
            ),
            "The order is placed and a confirmation email is sent.",
            "a guest",
            "a signed-in customer",
            "a business customer with a VAT number",
            type="smoke",
        ),
        scenario(
            "Delivery option: {v}",
            (
                ("Go to the delivery step.", "The delivery options are listed with prices."),
                ("Choose {v}.", "The total and the delivery date update."),
                ("Go back and forth between the steps.", "The choice is kept."),
            ),
            "The order summary shows the chosen delivery option and its price.",
            "standard",
            "express",
            "pick-up point",
            "click & collect",
        ),
        scenario(
            "Address validation {v}",
            (
                ("Enter a new delivery address {v}.", "The field is checked when leaving it."),
                ("Try to continue.", "The form explains what to correct."),
            ),
            "An order can't be placed with an address the carrier can't deliver to.",
            "without a house number",
            "with a postcode from another country",
            "with 80 characters in the street",
            type="regression",
        ),
        scenario(
            "Order summary is right {v}",
            (
                ("Fill the cart and go to the last checkout step.", "The summary is shown."),
                ("Compare the summary {v}.", "Every amount matches."),
            ),
            "Items, discounts, shipping and VAT add up to the total charged.",
            "with a promo code",
            "with free shipping over EUR 50",
            "with mixed VAT rates",
        ),
        scenario(
            "Leave checkout and come back",
            (
                ("Start checkout and fill in the address.", "The delivery step opens."),
                ("Close the tab, then open the shop again.", "The cart is still full."),
                ("Start checkout again.", "The address is pre-filled."),
            ),
            "Nothing typed during checkout is lost.",
            type="usability",
        ),
        scenario(
            "Gift option: {v}",
            (
                ("Go to the delivery step and tick 'This is a gift'.", "Gift options appear."),
                ("Add {v}.", "The summary shows it."),
                ("Place the order.", "The packing slip shows no prices."),
            ),
            "The gift option is on the order and the invoice goes to the buyer only.",
            "gift wrapping",
            "a gift message of 200 characters",
        ),
        scenario(
            "Terms must be accepted before paying",
            (
                ("Go to the last checkout step.", "The terms checkbox is not ticked."),
                ("Click 'Buy now'.", "An error asks to accept the terms."),
            ),
            "No order is placed without accepted terms.",
            type="regression",
        ),
        scenario(
            "Checkout on {v}",
            (
                ("Fill the cart on {v}.", "The cart works."),
                ("Complete the checkout with a test card.", "The order is placed."),
            ),
            "Checkout works on {v} without layout problems.",
            "Safari on an iPhone",
            "Chrome on Android",
            "Firefox ESR on Windows",
            type="smoke",
        ),
    ),
    (4, 3, 2, 1),
)

PAYMENTS = Folder(
    "fld_payments",
    "Payments",
    "payments",
    (
        "The payment provider's sandbox is reachable.",
        "The cart holds one item worth EUR 19.99.",
        "3-D Secure test cards are configured.",
    ),
    (
        scenario(
            "Pay with {v}",
            (
                ("Go to the payment step.", "The payment methods are listed."),
                ("Choose {v} and complete the payment.", "The provider confirms the payment."),
                ("Look at the confirmation page.", "The order shows 'Paid'."),
            ),
            "The order is paid once and the amount matches the order total.",
            "a Visa card",
            "a Mastercard",
            "PayPal",
            "Apple Pay",
            "Klarna pay later",
            type="smoke",
        ),
        scenario(
            "Declined payment: {v}",
            (
                ("Pay with the test card for {v}.", "The payment is declined."),
                ("Read the message.", "It says what happened without technical codes."),
                ("Pay again with a valid card.", "The payment succeeds."),
            ),
            "The customer can retry; no order is paid twice.",
            "insufficient funds",
            "an expired card",
            "a wrong CVC",
            type="regression",
        ),
        scenario(
            "3-D Secure challenge {v}",
            (
                ("Pay with the 3-D Secure test card.", "The bank's challenge opens."),
                ("{v}.", "The checkout reacts accordingly."),
            ),
            "Only an approved challenge leads to a paid order.",
            "Approve the challenge",
            "Cancel the challenge",
            "Let the challenge time out",
        ),
        scenario(
            "Refund {v}",
            (
                ("Open a paid order in the back office.", "The order details open."),
                ("Issue a {v} refund.", "The refund is confirmed by the provider."),
                ("Open the customer's order page.", "It shows the refund."),
            ),
            "The refunded amount goes back to the original payment method.",
            "full",
            "partial",
        ),
        scenario(
            "Gift card {v}",
            (
                ("Go to the payment step and add gift card GC-TEST-0050.", "The balance is shown."),
                ("Use the gift card so that it {v}.", "The amount due updates."),
                ("Finish the order.", "The order is paid."),
            ),
            "The gift card's balance goes down by exactly the amount used.",
            "pays the whole order",
            "pays part of the order",
        ),
        scenario(
            "Payment step: {v}",
            (
                ("Go to the payment step with a valid card.", "The 'Pay' button is enabled."),
                ("{v}.", "No second payment is made."),
            ),
            "The customer is charged once, whatever they click.",
            "Double-click 'Pay'",
            "Press the browser's Back button during payment",
            "Reload the page after paying",
            type="regression",
        ),
    ),
    (4, 3, 2, 1),
)

ORDERS = Folder(
    "fld_orders",
    "Orders & returns",
    "orders",
    (
        "The customer has three orders: delivered, shipped and processing.",
        "An order was delivered 5 days ago.",
        "The customer is signed in.",
    ),
    (
        scenario(
            "Order history shows {v}",
            (
                ("Open 'My orders'.", "The orders are listed, newest first."),
                ("Find the {v}.", "Its status and date are right."),
                ("Open it.", "Items, totals and address match the confirmation email."),
            ),
            "Every order can be found and read back.",
            "delivered order",
            "order still processing",
            "cancelled order",
        ),
        scenario(
            "Track a shipped order {v}",
            (
                ("Open the shipped order.", "A tracking link is shown."),
                ("Follow the tracking link {v}.", "The carrier's page opens for this parcel."),
            ),
            "The customer can see where the parcel is.",
            "",
            "from the shipping email",
        ),
        scenario(
            "Return an item {v}",
            (
                ("Open the delivered order and click 'Return items'.", "The return form opens."),
                ("Select one item and a reason {v}.", "The refund amount is shown."),
                ("Confirm the return.", "A return label can be downloaded."),
            ),
            "The return is registered and the customer gets a label by email.",
            "",
            "for a damaged item",
            "after 31 days",
            type="regression",
        ),
        scenario(
            "Cancel an order {v}",
            (
                ("Open an order {v}.", "The 'Cancel order' button is shown or hidden."),
                ("Cancel it if possible.", "The order shows 'Cancelled'."),
            ),
            "Only orders that have not shipped can be cancelled.",
            "that is still processing",
            "that has shipped",
        ),
        scenario(
            "Download the invoice of {v}",
            (
                ("Open the order.", "'Download invoice' is shown."),
                ("Download the invoice.", "A PDF opens."),
            ),
            "The invoice shows the right amounts, VAT and billing address.",
            "a private order",
            "a business order",
        ),
        scenario(
            "Reorder {v}",
            (
                ("Open a past order and click 'Buy again'.", "The items go into the cart."),
                ("Check the cart {v}.", "The cart is as expected."),
            ),
            "Buying again never adds items that can't be bought.",
            "when everything is in stock",
            "when one item is sold out",
        ),
        scenario(
            "Order confirmation email {v}",
            (
                ("Place an order.", "The confirmation page shows the order number."),
                ("Open the confirmation email {v}.", "It arrives within two minutes."),
                ("Compare it with the order.", "Items, prices and address match."),
            ),
            "The email is right and readable in every mail client we support.",
            "in Gmail",
            "in Outlook",
            "for a German-language account",
        ),
    ),
)

ACCESSIBILITY = Folder(
    "fld_a11y",
    "Accessibility",
    "a11y",
    (
        "NVDA 2024.4 with Firefox, or VoiceOver with Safari, is running.",
        "The browser zoom is at 100 %.",
        "Only the keyboard is used; no mouse.",
    ),
    (
        scenario(
            "Keyboard-only {v}",
            (
                ("Start at the home page and press Tab.", "A 'Skip to content' link appears."),
                ("Complete {v} with the keyboard only.", "Every control can be reached."),
                ("Watch the focus indicator throughout.", "Focus is always visible."),
            ),
            "The task can be completed without a mouse and focus never gets lost.",
            "a search",
            "adding to the cart",
            "checkout",
            type="accessibility",
        ),
        scenario(
            "Screen reader: {v}",
            (
                ("Open the page with the screen reader running.", "The page title is read."),
                ("Navigate through {v}.", "Every element has a meaningful name."),
            ),
            "A screen reader user understands {v} and can act on it.",
            "the product page",
            "the cart",
            "form errors at checkout",
            type="accessibility",
        ),
        scenario(
            "Zoom to {v}",
            (
                ("Set the browser zoom to {v}.", "The layout reflows."),
                ("Go through the home, product and cart pages.", "No text is cut off."),
            ),
            "Content stays readable without horizontal scrolling.",
            "200 %",
            "400 %",
            type="accessibility",
        ),
        scenario(
            "Colour contrast of {v}",
            (
                ("Check {v} with a contrast checker.", "The ratio is measured."),
                ("Repeat in the hover and focus states.", "The ratio is measured again."),
            ),
            "Text reaches 4.5:1 and large text 3:1 (WCAG 2.2 AA).",
            "buttons",
            "form errors",
            "sale prices",
            type="accessibility",
        ),
        scenario(
            "Images have text alternatives on {v}",
            (
                ("Open {v} with the screen reader.", "Images are announced."),
                ("Listen to each image's description.", "It says what the image shows."),
            ),
            "Informative images have a description; decorative ones are skipped.",
            "the home page",
            "the product page",
            "the order confirmation",
            type="accessibility",
        ),
        scenario(
            "Reduced motion {v}",
            (
                ("Switch on 'reduce motion' in the operating system.", "The setting is on."),
                ("Open the shop and {v}.", "Nothing slides or zooms."),
            ),
            "Animations are replaced by simple fades when reduced motion is asked for.",
            "open the mini cart",
            "browse the photo gallery",
            type="accessibility",
        ),
    ),
    (1, 4, 4, 1),
)

WEB_FOLDERS = (LOGIN, SEARCH, PRODUCT, CART, CHECKOUT, PAYMENTS, ORDERS, ACCESSIBILITY)
