using BreachPortal.Web.Incidents;

namespace BreachPortal.Tests.Incidents;

public sealed class DataCategoriesTests
{
    [Fact]
    public void Split_ASet_GivesEachCategoryOnceInDeclarationOrder() =>
        Assert.Equal(
            [DataCategories.LastName, DataCategories.SocialSecurityNumber, DataCategories.BankDetails],
            (DataCategories.BankDetails | DataCategories.LastName | DataCategories.SocialSecurityNumber).Split());

    [Fact]
    public void Split_None_IsEmpty() => Assert.Empty(DataCategories.None.Split());
}
