// The app's feature namespaces, so a test that moves with its code, or code that moves between folders, needs no edits here.
global using Warta.Web.Accounts;
global using Warta.Web.Accounts.Staff;
global using Warta.Web.Content;
global using Warta.Web.Demo;
global using Warta.Web.Promos;
global using Warta.Web.Accounts.Readers;
global using Warta.Web.Commerce;
