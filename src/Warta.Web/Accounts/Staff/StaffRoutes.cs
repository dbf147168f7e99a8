namespace Warta.Web.Accounts.Staff;

/// <summary>
/// The staff sign-in pages' addresses. Each page's <c>@page</c> spells its own (Razor cannot read a constant there);
/// the endpoint test checks that the open ones are declared here.
/// </summary>
public static class StaffRoutes
{
    public const string Desk = "/redaksi";
    public const string SignIn = Desk + "/masuk";
    public const string SignInCode = SignIn + "/kode";
    public const string SignOut = Desk + "/keluar";
    public const string AcceptInvite = Invites + "/{token}";
    public static string AcceptInviteUrlOf(string token) => Invites + "/" + token;
    const string Invites = Desk + "/undangan";
    public const string Profile = Desk + "/profil";
    public const string TwoFactorSetup = Profile + "/dua-langkah";
}
