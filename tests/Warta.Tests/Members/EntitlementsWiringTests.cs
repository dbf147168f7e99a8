using Mono.Cecil;
using Mono.Cecil.Cil;
using Warta.Web.Commerce;

namespace Warta.Tests.Members;

/// <summary>
/// <see cref="Entitlements"/> comes from the container (scoped, on the request's database and the app's clock), so a
/// change to how access is decided — a cache, another source of access — reaches every page that shows it.
/// </summary>
public sealed class EntitlementsWiringTests
{
    [Fact]
    public void No_type_builds_its_own_entitlements()
    {
        using var module = ModuleDefinition.ReadModule(typeof(Entitlements).Assembly.Location);

        var builders = module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody)
            .Where(m => m.Body.Instructions.Any(i => i.OpCode == OpCodes.Newobj && i.Operand is MethodReference ctor && ctor.DeclaringType.FullName == typeof(Entitlements).FullName))
            .Select(m => m.DeclaringType.FullName + "." + m.Name);

        Assert.Empty(builders);
    }
}
