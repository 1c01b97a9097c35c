namespace GovChain.CreditService.Data;

/// <summary>Plausible Chinese personal and company names for synthetic subjects.</summary>
internal static class SyntheticNames
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗"];

    private static readonly string[] GivenParts = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀", "霞", "平", "刚", "华", "建", "文", "婷"];

    private static readonly string[] Brands = ["华信", "恒通", "瑞丰", "宏达", "新源", "博远", "安泰", "嘉和", "鼎盛", "天成", "中科", "永利"];

    private static readonly string[] Trades = ["科技", "贸易", "建设", "物流", "食品", "制造", "信息技术", "医药", "能源", "农业发展"];

    public static string Person(Random random)
    {
        var given = GivenParts[random.Next(GivenParts.Length)];
        if (random.Next(3) > 0)
        {
            given += GivenParts[random.Next(GivenParts.Length)];
        }

        return Surnames[random.Next(Surnames.Length)] + given;
    }

    public static string Company(Random random, string city) =>
        city + Brands[random.Next(Brands.Length)] + Trades[random.Next(Trades.Length)] + "有限公司";
}
