using Microsoft.AspNetCore.Identity;

namespace Warta.Web.Accounts.Staff;

public sealed class StaffUser : IdentityUser
{
    public string? DisplayName { get; set; }
    /// <summary>Set when an admin disables the account: it cannot sign in, and its open sessions end on their next request.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}

public static class StaffRoles
{
    public const string Admin = "Admin";
    public const string Editor = "Editor";
    public const string Writer = "Writer";
    public static readonly string[] All = [Admin, Editor, Writer];
}
