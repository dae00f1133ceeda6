// The browser client exports nothing: importing it starts the page's navigation handling.
export {};
