using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Warta.Web.Accounts;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Accounts.Staff;

/// <summary>
/// A staff page, wherever its feature keeps it: only for signed-in staff with a role (<see cref="StaffPageConvention"/>
/// makes it so), narrowed by <see cref="StaffPolicyAttribute"/>; <see cref="Actor"/> says who they are and what they may do.
/// </summary>
public abstract class StaffPage : FormPage
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

/// <summary>Narrows a <see cref="StaffPage"/> from any staff role to the roles one policy admits (e.g. <see cref="StaffAccess.AdminPolicy"/>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StaffPolicyAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}

/// <summary>
/// The one way staff pages are protected: a page whose model derives from <see cref="StaffPage"/> requires its
/// <see cref="StaffPolicyAttribute"/> policy, or any staff role. Folder names play no part, so a staff page in any feature is covered.
/// </summary>
public sealed class StaffPageConvention : Microsoft.AspNetCore.Mvc.ApplicationModels.IPageApplicationModelConvention
{
    public void Apply(Microsoft.AspNetCore.Mvc.ApplicationModels.PageApplicationModel model)
    {
        if (!typeof(StaffPage).IsAssignableFrom(model.ModelType)) return;
        var policy = model.ModelType!.GetCustomAttributes(typeof(StaffPolicyAttribute), inherit: false).OfType<StaffPolicyAttribute>().SingleOrDefault()?.Policy;
        model.EndpointMetadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute(policy ?? StaffAccess.StaffPolicy));
    }
}
