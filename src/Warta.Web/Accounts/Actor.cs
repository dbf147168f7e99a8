using System.Security.Claims;
using Warta.Web.Accounts.Staff;

namespace Warta.Web.Accounts;

public enum StaffRank { Writer, Editor, Admin }

/// <summary>
/// Who is saving: a staff account (with its rank), an API key, or the system (wire ingest, demo seeding, the scheduler).
/// API keys and the system act with an editor's rights; they own nothing.
/// </summary>
public sealed record Actor(string? UserId, string Name, StaffRank Rank)
{
    public static readonly Actor System = new(null, "Sistem", StaffRank.Editor);
    public static readonly Actor Scheduler = new(null, "Penjadwal", StaffRank.Editor);

    public static Actor ApiKey(string keyName) => new(null, "API: " + keyName, StaffRank.Editor);

    public bool IsEditor => Rank >= StaffRank.Editor;

    /// <summary>The actor behind a request: a signed-in staff member with a role, or an API key; null for anyone else.</summary>
    public static Actor? From(ClaimsPrincipal user)
    {
        if (user.Identity is not { IsAuthenticated: true } identity) return null;
        if (identity.AuthenticationType == ApiAuth.Scheme) return ApiKey(user.FindFirstValue(ClaimTypes.Name) ?? "key");
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null) return null;
        var name = user.FindFirstValue(ClaimTypes.Name) ?? id;
        if (user.IsInRole(StaffRoles.Admin)) return new Actor(id, name, StaffRank.Admin);
        if (user.IsInRole(StaffRoles.Editor)) return new Actor(id, name, StaffRank.Editor);
        if (user.IsInRole(StaffRoles.Writer)) return new Actor(id, name, StaffRank.Writer);
        return null;
    }
}
