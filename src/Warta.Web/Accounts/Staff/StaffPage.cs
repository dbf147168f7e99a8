using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Accounts.Staff;

/// <summary>A newsroom page: only for signed-in staff with a role; <see cref="Actor"/> says who they are and what they may do.</summary>
public abstract class StaffPage : PageModel
{
    public Actor Actor { get; private set; } = null!;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (Actor.From(User) is not { UserId: not null } actor)
        {
            context.Result = StatusCode(StatusCodes.Status403Forbidden);
            return;
        }
        // Revisions, preview links and the desk name people as the newsroom knows them, not by their sign-in address.
        var db = HttpContext.RequestServices.GetRequiredService<Data.WartaDb>();
        var name = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.DisplayName).FirstOrDefaultAsync();
        Actor = string.IsNullOrWhiteSpace(name) ? actor : actor with { Name = name };
        await next();
    }

    /// <summary>A WIB date and time for a <c>datetime-local</c> field.</summary>
    public static string LocalInput(DateTimeOffset? instant) =>
        instant is { } i ? Shared.Indonesian.ToWib(i).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "";

    /// <summary>Reads a <c>datetime-local</c> value as WIB.</summary>
    public static DateTimeOffset? ParseLocal(string? value) =>
        DateTime.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var local)
            ? Shared.Indonesian.FromWib(local)
            : null;
}
