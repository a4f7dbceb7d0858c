<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>guide</name>
    <message>
      <source>Regression where outliers should not dominate: the gradient has the same size for every error, so the fit goes for the median.</source>
      <translation>用于不希望离群值主导的回归：每个误差的梯度大小相同，所以拟合趋向中位数。</translation>
    </message>
    <message>
      <source>Mean absolute error |input - target|: constant gradient, robust to outliers.</source>
      <translation>平均绝对误差 |input - target|：梯度大小恒定，对离群值稳健。</translation>
    </message>
    <message>
      <source>The gradient does not shrink near the optimum: the last steps oscillate unless the learning rate decays.</source>
      <translation>梯度在最优点附近不会变小：除非学习率衰减，最后几步会来回振荡。</translation>
    </message>
    <message>
      <source>How per-element losses are combined: none keeps them, mean averages, sum adds.</source>
      <translation>逐元素损失如何汇总：none 保留各元素，mean 求平均，sum 求和。</translation>
    </message>
    <message>
      <source>Predictions.</source>
      <translation>预测值。</translation>
    </message>
    <message>
      <source>Ground truth, the same shape as input.</source>
      <translation>真实值，形状与 input 相同。</translation>
    </message>
    <message>
      <source>Regression with roughly Gaussian noise: large errors are punished quadratically, the fit goes for the mean.</source>
      <translation>用于噪声近似高斯的回归：大误差按平方惩罚，拟合趋向均值。</translation>
    </message>
    <message>
      <source>Mean squared error (input - target)^2: smooth, punishes large errors hard.</source>
      <translation>均方误差 (input - target)^2：光滑，对大误差惩罚重。</translation>
    </message>
    <message>
      <source>One outlier can dominate the gradient.</source>
      <translation>一个离群值就可能主导梯度。</translation>
    </message>
    <message>
      <source>Input and target of different shapes broadcast silently (torch warns).</source>
      <translation>形状不同的 input 与 target 会被悄悄广播（torch 会给出警告）。</translation>
    </message>
    <message>
      <source>Regression with some outliers: quadratic (like MSE) for small errors, linear (like L1) beyond delta.</source>
      <translation>用于含少量离群值的回归：小误差时为二次（如 MSE），超过 delta 后为线性（如 L1）。</translation>
    </message>
    <message>
      <source>Quadratic for errors below delta, linear above: MSE near zero, L1 far away.</source>
      <translation>误差小于 delta 时为二次，大于时为线性：零附近像 MSE，远处像 L1。</translation>
    </message>
    <message>
      <source>delta is in the units of the error: rescale it with the target.</source>
      <translation>delta 的单位与误差相同：目标值缩放时它也要随之缩放。</translation>
    </message>
    <message>
      <source>Error size where the loss turns from quadratic to linear.</source>
      <translation>损失由二次变为线性的误差大小。</translation>
    </message>
    <message>
      <source>Bounding-box regression and the like: Huber scaled by 1/beta, so the slope far away is always 1.</source>
      <translation>用于边界框回归等任务：即按 1/beta 缩放的 Huber，因此远处的斜率总是 1。</translation>
    </message>
    <message>
      <source>Huber loss divided by beta: quadratic below beta, linear (slope 1) above.</source>
      <translation>Huber 损失除以 beta：小于 beta 时为二次，大于时为线性（斜率 1）。</translation>
    </message>
    <message>
      <source>beta = 0 gives L1; a very small beta makes the quadratic zone tiny.</source>
      <translation>beta = 0 时即为 L1；beta 很小时二次区域非常窄。</translation>
    </message>
    <message>
      <source>Error size where the loss turns from quadratic to linear; 0 gives L1.</source>
      <translation>损失由二次变为线性的误差大小；0 即为 L1。</translation>
    </message>
    <message>
      <source>Count data (events per interval): the target is a count, the input a rate or its log.</source>
      <translation>用于计数数据（单位时间内的事件数）：target 是计数，input 是速率或其对数。</translation>
    </message>
    <message>
      <source>Negative log-likelihood of a Poisson count target given a predicted rate.</source>
      <translation>给定预测速率时，泊松计数目标的负对数似然。</translation>
    </message>
    <message>
      <source>log_input=True expects log-rates; passing rates makes exp(input) explode.</source>
      <translation>log_input=True 时需要对数速率；传入速率本身会使 exp(input) 爆炸。</translation>
    </message>
    <message>
      <source>With log_input=False a rate of 0 needs eps to stay finite.</source>
      <translation>log_input=False 时，速率为 0 需要靠 eps 保持有限。</translation>
    </message>
    <message>
      <source>The input is the log of the rate (exp(input) - target*input); otherwise the rate itself (input - target*log(input + eps)).</source>
      <translation>input 为速率的对数（exp(input) - target*input）；否则为速率本身（input - target*log(input + eps)）。</translation>
    </message>
    <message>
      <source>Add the Stirling term for log(target!).</source>
      <translation>加上 log(target!) 的 Stirling 近似项。</translation>
    </message>
    <message>
      <source>Small constant that keeps the logarithm finite.</source>
      <translation>使对数保持有限的小常数。</translation>
    </message>
    <message>
      <source>Predicted log-rate (or rate, see log_input).</source>
      <translation>预测的对数速率（或速率，见 log_input）。</translation>
    </message>
    <message>
      <source>Observed counts, &gt;= 0.</source>
      <translation>观测到的计数，&gt;= 0。</translation>
    </message>
    <message>
      <source>Regression that also predicts its own uncertainty: the model outputs a mean and a variance.</source>
      <translation>同时预测自身不确定性的回归：模型输出均值和方差。</translation>
    </message>
    <message>
      <source>Negative log-likelihood of the target under a Gaussian with predicted mean and variance.</source>
      <translation>目标在以预测均值和方差为参数的高斯分布下的负对数似然。</translation>
    </message>
    <message>
      <source>var must be positive; eps clamps it, so a variance collapsing to 0 hides behind eps.</source>
      <translation>var 必须为正；eps 会截断它，因此塌缩到 0 的方差会被 eps 掩盖。</translation>
    </message>
    <message>
      <source>Add the constant 0.5*log(2*pi).</source>
      <translation>加上常数 0.5*log(2*pi)。</translation>
    </message>
    <message>
      <source>Lower clamp of var for stability (the gradient still flows).</source>
      <translation>为数值稳定对 var 设置的下限（梯度仍可传播）。</translation>
    </message>
    <message>
      <source>Predicted mean.</source>
      <translation>预测的均值。</translation>
    </message>
    <message>
      <source>Observed value.</source>
      <translation>观测值。</translation>
    </message>
    <message>
      <source>Predicted variance, &gt;= 0: the input's shape, one dim fewer, or last dim 1.</source>
      <translation>预测的方差，&gt;= 0：形状与 input 相同、少一维，或最后一维为 1。</translation>
    </message>
    <message>
      <source>Single-label classification from raw logits (softmax is inside); targets are class indices or class probabilities.</source>
      <translation>基于原始 logits 的单标签分类（内部已含 softmax）；target 为类别索引或类别概率。</translation>
    </message>
    <message>
      <source>Log-softmax of the logits, then negative log-likelihood of the target class (or cross entropy with a target distribution).</source>
      <translation>先对 logits 做 log-softmax，再取目标类别的负对数似然（或与目标分布的交叉熵）。</translation>
    </message>
    <message>
      <source>Pass logits, not probabilities: a softmax before it applies softmax twice.</source>
      <translation>应传入 logits 而不是概率：先做 softmax 等于做了两次 softmax。</translation>
    </message>
    <message>
      <source>Class weights change the mean: it divides by the summed weights of the targets, not by N.</source>
      <translation>类别权重会改变平均方式：除以各目标权重之和，而不是 N。</translation>
    </message>
    <message>
      <source>Rescaling weight of each class, one per class.</source>
      <translation>每个类别的缩放权重，每类一个。</translation>
    </message>
    <message>
      <source>Targets equal to this class index contribute nothing, neither to the loss nor to the mean.</source>
      <translation>等于该类别索引的目标不产生任何贡献，既不计入损失也不计入平均。</translation>
    </message>
    <message>
      <source>Mix this much of the uniform distribution into the target.</source>
      <translation>向目标分布中混入这么多的均匀分布。</translation>
    </message>
    <message>
      <source>Logits, (N, C, d1, ...) or (C,).</source>
      <translation>logits，形状 (N, C, d1, ...) 或 (C,)。</translation>
    </message>
    <message>
      <source>Class indices in [0, C) (integers, (N, d1, ...) or ()), or class probabilities of the input's shape (floats).</source>
      <translation>[0, C) 内的类别索引（整数，形状 (N, d1, ...) 或 ()），或与 input 同形状的类别概率（浮点数）。</translation>
    </message>
    <message>
      <source>Classification when the model already outputs log-probabilities (log_softmax); with log_softmax it equals CrossEntropyLoss.</source>
      <translation>用于模型已输出对数概率（log_softmax）的分类；与 log_softmax 组合即等于 CrossEntropyLoss。</translation>
    </message>
    <message>
      <source>Negative log-likelihood: minus the input at the target class (input holds log-probabilities).</source>
      <translation>负对数似然：目标类别处 input 的相反数（input 为对数概率）。</translation>
    </message>
    <message>
      <source>The input must be log-probabilities: plain logits or probabilities give meaningless values.</source>
      <translation>input 必须是对数概率：直接传 logits 或概率得到的值没有意义。</translation>
    </message>
    <message>
      <source>Log-probabilities, (N, C, d1, ...) or (C,).</source>
      <translation>对数概率，形状 (N, C, d1, ...) 或 (C,)。</translation>
    </message>
    <message>
      <source>Class indices in [0, C), (N, d1, ...) or ().</source>
      <translation>[0, C) 内的类别索引，形状 (N, d1, ...) 或 ()。</translation>
    </message>
    <message>
      <source>Binary or multi-label targets when the model already outputs probabilities (after a sigmoid).</source>
      <translation>用于模型已输出概率（经过 sigmoid）的二分类或多标签目标。</translation>
    </message>
    <message>
      <source>Binary cross entropy between probabilities and binary targets (logs clamped at -100).</source>
      <translation>概率与二值目标之间的二元交叉熵（log 在 -100 处截断）。</translation>
    </message>
    <message>
      <source>Inputs of exactly 0 or 1 hit the log clamp at -100: prefer BCEWithLogitsLoss on logits.</source>
      <translation>恰为 0 或 1 的输入会触到 log 在 -100 处的截断：更推荐对 logits 使用 BCEWithLogitsLoss。</translation>
    </message>
    <message>
      <source>Saturates after a sigmoid: large logits give vanishing gradients.</source>
      <translation>接在 sigmoid 之后会饱和：logits 很大时梯度消失。</translation>
    </message>
    <message>
      <source>Rescaling weight, one per element of the last dim.</source>
      <translation>缩放权重，最后一维每个元素一个。</translation>
    </message>
    <message>
      <source>Probabilities in [0, 1].</source>
      <translation>[0, 1] 内的概率。</translation>
    </message>
    <message>
      <source>Targets in [0, 1], the same shape as input.</source>
      <translation>[0, 1] 内的目标值，形状与 input 相同。</translation>
    </message>
    <message>
      <source>Binary or multi-label targets from raw logits: the sigmoid is inside, computed stably; pos_weight rebalances rare positives.</source>
      <translation>基于原始 logits 的二分类或多标签目标：内部含 sigmoid 且数值稳定；pos_weight 可平衡稀少的正样本。</translation>
    </message>
    <message>
      <source>Sigmoid and binary cross entropy in one numerically stable step.</source>
      <translation>把 sigmoid 与二元交叉熵合成一步，数值稳定。</translation>
    </message>
    <message>
      <source>Do not apply a sigmoid first.</source>
      <translation>不要先做 sigmoid。</translation>
    </message>
    <message>
      <source>pos_weight is per class (the last dim), not per sample.</source>
      <translation>pos_weight 按类别（最后一维）给出，而不是按样本。</translation>
    </message>
    <message>
      <source>Weight of positive examples per class (&gt; 1 raises recall).</source>
      <translation>每个类别正样本的权重（&gt; 1 可提高召回率）。</translation>
    </message>
    <message>
      <source>Logits.</source>
      <translation>logits（未经 sigmoid 的得分）。</translation>
    </message>
    <message>
      <source>Two-class logistic loss with labels -1 and +1.</source>
      <translation>标签为 -1 和 +1 的二分类逻辑损失。</translation>
    </message>
    <message>
      <source>Logistic loss log(1 + exp(-target*input)) for labels -1 and 1.</source>
      <translation>标签为 -1 和 1 的逻辑损失 log(1 + exp(-target*input))。</translation>
    </message>
    <message>
      <source>Labels must be -1 and +1, not 0 and 1.</source>
      <translation>标签必须是 -1 和 +1，而不是 0 和 1。</translation>
    </message>
    <message>
      <source>Scores.</source>
      <translation>得分。</translation>
    </message>
    <message>
      <source>Labels, -1 or 1.</source>
      <translation>标签，-1 或 1。</translation>
    </message>
    <message>
      <source>Multi-class hinge (SVM-style): the right class should beat every other by a margin.</source>
      <translation>多类合页损失（SVM 风格）：正确类别的得分应比其他每一类高出一个 margin。</translation>
    </message>
    <message>
      <source>Multi-class hinge loss: every wrong class should score at least margin below the target class.</source>
      <translation>多类合页损失：每个错误类别的得分应至少比目标类低 margin。</translation>
    </message>
    <message>
      <source>Divides by the number of classes, so the scale changes with C.</source>
      <translation>会除以类别数，所以量级随 C 变化。</translation>
    </message>
    <message>
      <source>1 for the hinge, 2 for the squared hinge.</source>
      <translation>1 为合页损失，2 为平方合页损失。</translation>
    </message>
    <message>
      <source>Required gap between the target score and the rest.</source>
      <translation>目标类得分与其余得分之间要求的间隔。</translation>
    </message>
    <message>
      <source>Scores, (N, C) or (C,).</source>
      <translation>得分，形状 (N, C) 或 (C,)。</translation>
    </message>
    <message>
      <source>Class indices in [0, C), (N,) or ().</source>
      <translation>[0, C) 内的类别索引，形状 (N,) 或 ()。</translation>
    </message>
    <message>
      <source>Multi-label hinge: every target class should beat every non-target class by 1.</source>
      <translation>多标签合页损失：每个目标类的得分都应比每个非目标类高出 1。</translation>
    </message>
    <message>
      <source>Multi-label hinge loss: each target class should beat each non-target class by 1.</source>
      <translation>多标签合页损失：每个目标类应比每个非目标类高出 1。</translation>
    </message>
    <message>
      <source>The target lists class indices padded with -1; everything after the first -1 is ignored.</source>
      <translation>target 列出类别索引并用 -1 填充；第一个 -1 之后的内容都会被忽略。</translation>
    </message>
    <message>
      <source>Target class indices, the input's shape, ended by the first -1.</source>
      <translation>目标类别索引，形状与 input 相同，以第一个 -1 结束。</translation>
    </message>
    <message>
      <source>Multi-label classification as one logistic loss per class, averaged over classes.</source>
      <translation>多标签分类：每类一个逻辑损失，再对类别求平均。</translation>
    </message>
    <message>
      <source>Per-class binary logistic loss averaged over classes, for multi-label targets.</source>
      <translation>用于多标签目标：逐类的二元逻辑损失，再对类别求平均。</translation>
    </message>
    <message>
      <source>Targets are 0/1 per class; the mean is over classes, then samples.</source>
      <translation>每类目标为 0/1；先对类别求平均，再对样本求平均。</translation>
    </message>
    <message>
      <source>Targets in [0, 1], the input's shape.</source>
      <translation>[0, 1] 内的目标值，形状与 input 相同。</translation>
    </message>
    <message>
      <source>Matching a predicted distribution to a target distribution (distillation, VAEs); the input must be log-probabilities.</source>
      <translation>让预测分布匹配目标分布（蒸馏、VAE）；input 必须是对数概率。</translation>
    </message>
    <message>
      <source>Kullback-Leibler divergence of the input (log-probabilities) from the target distribution.</source>
      <translation>input（对数概率）相对目标分布的 KL 散度。</translation>
    </message>
    <message>
      <source>The input must be log-probabilities (log_softmax); the target probabilities unless log_target.</source>
      <translation>input 必须是对数概率（log_softmax）；除非设置 log_target，target 应为概率。</translation>
    </message>
    <message>
      <source>reduction='mean' averages over every element, not per sample: use 'batchmean' for the mathematical KL.</source>
      <translation>reduction='mean' 对所有元素求平均而不是按样本：要得到数学上的 KL 散度请用 'batchmean'。</translation>
    </message>
    <message>
      <source>The target is given as log-probabilities.</source>
      <translation>target 以对数概率给出。</translation>
    </message>
    <message>
      <source>Log-probabilities.</source>
      <translation>对数概率。</translation>
    </message>
    <message>
      <source>Probabilities (&gt;= 0), or log-probabilities with log_target.</source>
      <translation>概率（&gt;= 0），或在 log_target 时为对数概率。</translation>
    </message>
    <message>
      <source>Learning to rank pairs: input1 should score above input2 by a margin when target is 1, below when -1.</source>
      <translation>学习对成对样本排序：target 为 1 时 input1 的得分应比 input2 高出 margin，为 -1 时则应更低。</translation>
    </message>
    <message>
      <source>max(0, -target*(input1 - input2) + margin): input1 should rank above input2 when target is 1.</source>
      <translation>max(0, -target*(input1 - input2) + margin)：target 为 1 时 input1 应排在 input2 之前。</translation>
    </message>
    <message>
      <source>Labels other than +-1 scale the loss instead of choosing a direction.</source>
      <translation>非 ±1 的标签会缩放损失，而不是选择方向。</translation>
    </message>
    <message>
      <source>Required gap between the two scores.</source>
      <translation>两个得分之间要求的间隔。</translation>
    </message>
    <message>
      <source>First scores.</source>
      <translation>第一组得分。</translation>
    </message>
    <message>
      <source>Second scores, the same shape.</source>
      <translation>第二组得分，形状相同。</translation>
    </message>
    <message>
      <source>1 if input1 should rank higher, -1 otherwise.</source>
      <translation>input1 应排在前面时为 1，否则为 -1。</translation>
    </message>
    <message>
      <source>Learning whether pairs are similar from a distance: small for similar (1), at least margin for dissimilar (-1).</source>
      <translation>根据距离学习成对样本是否相似：相似（1）时距离应小，不相似（-1）时至少为 margin。</translation>
    </message>
    <message>
      <source>input for similar pairs (target 1), max(0, margin - input) for dissimilar ones (target -1); input is usually a distance.</source>
      <translation>相似样本对（target 1）取 input，不相似的（target -1）取 max(0, margin - input)；input 通常是距离。</translation>
    </message>
    <message>
      <source>The input is a distance (non-negative), not a similarity.</source>
      <translation>input 是距离（非负），不是相似度。</translation>
    </message>
    <message>
      <source>Distance beyond which dissimilar pairs cost nothing.</source>
      <translation>不相似样本对的距离超过该值后不再产生损失。</translation>
    </message>
    <message>
      <source>Distances (or scores).</source>
      <translation>距离（或得分）。</translation>
    </message>
    <message>
      <source>1 for similar pairs, -1 for dissimilar.</source>
      <translation>相似样本对为 1，不相似为 -1。</translation>
    </message>
    <message>
      <source>Similarity learning by angle: similar pairs should point the same way, dissimilar ones apart beyond margin.</source>
      <translation>按夹角学习相似度：相似的样本对应指向同一方向，不相似的应分开到超出 margin。</translation>
    </message>
    <message>
      <source>1 - cos(x1, x2) for similar pairs, max(0, cos(x1, x2) - margin) for dissimilar.</source>
      <translation>相似样本对取 1 - cos(x1, x2)，不相似的取 max(0, cos(x1, x2) - margin)。</translation>
    </message>
    <message>
      <source>A zero vector has no direction: cos is undefined and torch's eps decides.</source>
      <translation>零向量没有方向：余弦无定义，结果由 torch 的 eps 决定。</translation>
    </message>
    <message>
      <source>Cosine above which dissimilar pairs cost.</source>
      <translation>不相似样本对的余弦超过该值才产生损失。</translation>
    </message>
    <message>
      <source>First vectors, (N, D) or (D,).</source>
      <translation>第一组向量，形状 (N, D) 或 (D,)。</translation>
    </message>
    <message>
      <source>Second vectors, the same shape.</source>
      <translation>第二组向量，形状相同。</translation>
    </message>
    <message>
      <source>1 for similar pairs, -1 for dissimilar, (N,) or ().</source>
      <translation>相似样本对为 1，不相似为 -1，形状 (N,) 或 ()。</translation>
    </message>
    <message>
      <source>Metric learning: the anchor should be nearer the positive than the negative by a margin (p-norm distance).</source>
      <translation>度量学习：锚点到正样本的距离应比到负样本的距离小一个 margin（p 范数距离）。</translation>
    </message>
    <message>
      <source>max(0, d(a, p) - d(a, n) + margin) with the p-norm distance.</source>
      <translation>max(0, d(a, p) - d(a, n) + margin)，d 为 p 范数距离。</translation>
    </message>
    <message>
      <source>Easy triplets give exactly zero loss and gradient: mine hard negatives.</source>
      <translation>简单三元组的损失和梯度恰为零：需要挖掘难负样本。</translation>
    </message>
    <message>
      <source>swap changes which distance counts; it is not symmetric in the positive and negative.</source>
      <translation>swap 会改变计入的距离；它对正样本和负样本并不对称。</translation>
    </message>
    <message>
      <source>Required gap between the negative and positive distances.</source>
      <translation>负样本距离与正样本距离之间要求的间隔。</translation>
    </message>
    <message>
      <source>Norm degree of the pairwise distance.</source>
      <translation>成对距离所用范数的次数。</translation>
    </message>
    <message>
      <source>Added to the difference before the norm.</source>
      <translation>求范数前加到差值上的量。</translation>
    </message>
    <message>
      <source>Use the smaller of d(anchor, negative) and d(positive, negative) (distance swap).</source>
      <translation>取 d(锚点, 负样本) 与 d(正样本, 负样本) 中较小者（距离交换）。</translation>
    </message>
    <message>
      <source>Anchor embeddings, (N, D) or (D,).</source>
      <translation>锚点嵌入，形状 (N, D) 或 (D,)。</translation>
    </message>
    <message>
      <source>Embeddings that should be close to the anchor.</source>
      <translation>应靠近锚点的嵌入。</translation>
    </message>
    <message>
      <source>Embeddings that should be far from the anchor.</source>
      <translation>应远离锚点的嵌入。</translation>
    </message>
    <message>
      <source>The triplet loss with a distance of your choice (cosine, L-inf, ...).</source>
      <translation>可自选距离（余弦、L-inf 等）的三元组损失。</translation>
    </message>
    <message>
      <source>The triplet margin loss with a distance of your choice.</source>
      <translation>可自选距离的三元组 margin 损失。</translation>
    </message>
    <message>
      <source>The distance must be non-negative for the margin to mean anything.</source>
      <translation>距离必须非负，margin 才有意义。</translation>
    </message>
    <message>
      <source>pairwise (Euclidean), cosine (1 - cosine similarity), linf (max |a - b|) or a registered custom distance.</source>
      <translation>pairwise（欧氏距离）、cosine（1 - 余弦相似度）、linf（max |a - b|）或已注册的自定义距离。</translation>
    </message>
    <message>
      <source>Sequence labelling without alignment (speech, handwriting): sums over every way the output frames can spell the target.</source>
      <translation>无需对齐的序列标注（语音、手写）：对输出帧拼出目标序列的所有方式求和。</translation>
    </message>
    <message>
      <source>Connectionist temporal classification: sums over every alignment of the target sequence to the input frames.</source>
      <translation>联结时序分类（CTC）：对目标序列与输入帧的所有对齐方式求和。</translation>
    </message>
    <message>
      <source>log_probs must be log_softmax over classes, shaped (T, N, C).</source>
      <translation>log_probs 必须是对类别做的 log_softmax，形状为 (T, N, C)。</translation>
    </message>
    <message>
      <source>An impossible alignment (target longer than the input allows) is +inf unless zero_infinity.</source>
      <translation>不可能的对齐（目标比输入允许的更长）损失为 +inf，除非设置 zero_infinity。</translation>
    </message>
    <message>
      <source>Index of the blank label.</source>
      <translation>空白标签的索引。</translation>
    </message>
    <message>
      <source>Replace infinite losses (impossible alignments) and their gradients by 0.</source>
      <translation>将无穷大的损失（不可能的对齐）及其梯度置为 0。</translation>
    </message>
    <message>
      <source>Log-probabilities per frame, (T, N, C) or unbatched (T, C).</source>
      <translation>每帧的对数概率，形状 (T, N, C)，无批次时为 (T, C)。</translation>
    </message>
    <message>
      <source>Target label sequences: (N, S) padded, or concatenated (sum of lengths,).</source>
      <translation>目标标签序列：填充后的 (N, S)，或拼接后的 (长度之和,)。</translation>
    </message>
    <message>
      <source>Frames used per sequence, (N,) or (), &lt;= T.</source>
      <translation>每个序列使用的帧数，形状 (N,) 或 ()，&lt;= T。</translation>
    </message>
    <message>
      <source>Target length per sequence, (N,) or (), &lt;= S.</source>
      <translation>每个序列的目标长度，形状 (N,) 或 ()，&lt;= S。</translation>
    </message>
  </context>
  <context>
    <name>groups</name>
    <message>
      <source>regression</source>
      <translation>回归</translation>
    </message>
    <message>
      <source>probabilistic regression</source>
      <translation>概率回归</translation>
    </message>
    <message>
      <source>classification</source>
      <translation>分类</translation>
    </message>
    <message>
      <source>distributions</source>
      <translation>分布</translation>
    </message>
    <message>
      <source>ranking and embedding</source>
      <translation>排序与嵌入</translation>
    </message>
    <message>
      <source>sequence</source>
      <translation>序列</translation>
    </message>
    <message>
      <source>your losses</source>
      <translation>自定义损失</translation>
    </message>
  </context>
  <context>
    <name>formulas</name>
    <message>
      <source>ℓ = ½(x − y)² if |x − y| &lt; δ, else δ(|x − y| − ½δ)</source>
      <translation>当 |x − y| &lt; δ 时 ℓ = ½(x − y)²，否则 ℓ = δ(|x − y| − ½δ)</translation>
    </message>
    <message>
      <source>ℓ = ½(x − y)²/β if |x − y| &lt; β, else |x − y| − ½β</source>
      <translation>当 |x − y| &lt; β 时 ℓ = ½(x − y)²/β，否则 ℓ = |x − y| − ½β</translation>
    </message>
    <message>
      <source>ℓ = exp(x) − y·x (log_input), else x − y·log(x + eps); full adds Stirling's y·log y − y + ½log(2πy)</source>
      <translation>ℓ = exp(x) − y·x（log_input 时），否则 ℓ = x − y·log(x + eps)；full 时加上 Stirling 项 y·log y − y + ½log(2πy)</translation>
    </message>
    <message>
      <source>ℓ = ½(log max(var, eps) + (x − y)²/max(var, eps)); full adds ½log 2π</source>
      <translation>ℓ = ½(log max(var, eps) + (x − y)²/max(var, eps))；full 时加上 ½log 2π</translation>
    </message>
    <message>
      <source>ℓₙ = −w_yₙ · log( exp(x_{n,yₙ}) / Σ_c exp(x_{n,c}) ); with label smoothing ε the target is (1 − ε)·onehot + ε/C</source>
      <translation>ℓₙ = −w_yₙ · log( exp(x_{n,yₙ}) / Σ_c exp(x_{n,c}) )；标签平滑系数为 ε 时，目标为 (1 − ε)·独热向量 + ε/C</translation>
    </message>
    <message>
      <source>ℓ = −w·[y·log x + (1 − y)·log(1 − x)], logs clamped at −100</source>
      <translation>ℓ = −w·[y·log x + (1 − y)·log(1 − x)]，log 在 −100 处截断</translation>
    </message>
    <message>
      <source>ℓ = −w·[p·y·log σ(x) + (1 − y)·log(1 − σ(x))], p the pos_weight</source>
      <translation>ℓ = −w·[p·y·log σ(x) + (1 − y)·log(1 − σ(x))]，p 为 pos_weight</translation>
    </message>
    <message>
      <source>ℓₙ = Σ_{j∈targets} Σ_{i∉targets} max(0, 1 − (x_j − x_i)) / C</source>
      <translation>ℓₙ = Σ_{j∈目标类} Σ_{i∉目标类} max(0, 1 − (x_j − x_i)) / C</translation>
    </message>
    <message>
      <source>ℓ = y·(log y − x), x log-probabilities (log_target: exp(y)·(y − x))</source>
      <translation>ℓ = y·(log y − x)，x 为对数概率（log_target 时：exp(y)·(y − x)）</translation>
    </message>
    <message>
      <source>ℓ = max(0, ‖a − p‖_p − ‖a − n‖_p + margin) (swap: the nearer of ‖a − n‖, ‖p − n‖)</source>
      <translation>ℓ = max(0, ‖a − p‖_p − ‖a − n‖_p + margin)（swap：取 ‖a − n‖ 与 ‖p − n‖ 中较小者）</translation>
    </message>
    <message>
      <source>ℓ = max(0, d(a, p) − d(a, n) + margin), d the distance function</source>
      <translation>ℓ = max(0, d(a, p) − d(a, n) + margin)，d 为距离函数</translation>
    </message>
    <message>
      <source>ℓₙ = −log Σ_{π ∈ B⁻¹(yₙ)} Π_t p_t(π_t), over every alignment π that collapses to the target</source>
      <translation>ℓₙ = −log Σ_{π ∈ B⁻¹(yₙ)} Π_t p_t(π_t)，对所有能折叠成目标序列的对齐 π 求和</translation>
    </message>
  </context>
  <context>
    <name>messages</name>
    <message>
      <source>CE(p, q) = H(p) + KL(p || q): {ce} = {h} + {kl}; torch's {term}: {value}</source>
      <translation>CE(p, q) = H(p) + KL(p || q)：{ce} = {h} + {kl}；torch 计算的 {term}：{value}</translation>
    </message>
    <message>
      <source>torch's KL is summed over classes here; its reduction changes only the divisor</source>
      <translation>这里 torch 的 KL 对类别求和；其 reduction 只改变除数</translation>
    </message>
    <message>
      <source>with class weights torch's loss is weighted; p and q are not</source>
      <translation>有类别权重时 torch 的损失是加权的，而 p 和 q 不加权</translation>
    </message>
    <message>
      <source>exp(input) sums to {total}, not 1: the input is not log-probabilities</source>
      <translation>exp(input) 之和为 {total} 而不是 1：input 不是对数概率</translation>
    </message>
    <message>
      <source>at the pointer</source>
      <translation>指针处</translation>
    </message>
    <message>
      <source>{dtype}: not computed: {why}</source>
      <translation>{dtype}：未计算：{why}</translation>
    </message>
    <message>
      <source>{dtype}: max |difference| {worst}</source>
      <translation>{dtype}：最大 |差值| {worst}</translation>
    </message>
    <message>
      <source>{dtype}: no finite difference</source>
      <translation>{dtype}：没有有限的差值</translation>
    </message>
    <message>
      <source>{count} non-finite where float64 is not</source>
      <translation>{count} 处非有限而 float64 有限</translation>
    </message>
    <message>
      <source>{count} non-finite</source>
      <translation>{count} 处非有限</translation>
    </message>
    <message>
      <source>dashed: d(a, p) + margin = {radius} around a</source>
      <translation>虚线：以 a 为中心、半径 d(a, p) + margin = {radius}</translation>
    </message>
    <message>
      <source>dashed: d(a, p) + margin = {radius} around a and p (swap)</source>
      <translation>虚线：以 a 和 p 为中心（swap）、半径 d(a, p) + margin = {radius}</translation>
    </message>
    <message>
      <source>a slice through the negative's other coordinates</source>
      <translation>经过负样本其余坐标的切片</translation>
    </message>
    <message>
      <source>the negative's other coordinates alone keep it beyond: no cost in this slice</source>
      <translation>仅负样本的其余坐标就已使其超出边界：此切片内处处无损失</translation>
    </message>
    <message>
      <source>{fixed} is the zero vector: it has no direction, torch's cosine with it is 0, so wherever {swept} goes the loss is the same; move {fixed} off the origin</source>
      <translation>{fixed} 是零向量：它没有方向，torch 算出的余弦为 0，所以无论 {swept} 移到哪里损失都一样；请把 {fixed} 移离原点</translation>
    </message>
    <message>
      <source>{swept} is at the origin at the inputs: no direction there (torch's cosine is 0)</source>
      <translation>在当前输入处 {swept} 位于原点：那里没有方向（torch 的余弦为 0）</translation>
    </message>
    <message>
      <source>angle(input1, input2) = {angle} deg, cos = {cos}; only directions count</source>
      <translation>夹角(input1, input2) = {angle} 度，cos = {cos}；只有方向起作用</translation>
    </message>
  </context>
  <context>
    <name>examples</name>
    <message>
      <source>bce after sigmoid saturates</source>
      <translation>sigmoid 之后的 BCE 会饱和</translation>
    </message>
    <message>
      <source>bce with logits saturation curve</source>
      <translation>BCEWithLogits 的饱和曲线</translation>
    </message>
    <message>
      <source>cross entropy probability target</source>
      <translation>以概率为目标的交叉熵</translation>
    </message>
    <message>
      <source>cross entropy tutorial</source>
      <translation>交叉熵教程</translation>
    </message>
    <message>
      <source>huber delta sweep</source>
      <translation>Huber 的 delta 扫描</translation>
    </message>
    <message>
      <source>l1 tutorial 1 2 3 vs 1 2 5</source>
      <translation>L1 教程：1 2 3 对 1 2 5</translation>
    </message>
    <message>
      <source>multilabel margin docs example</source>
      <translation>多标签 margin 文档示例</translation>
    </message>
    <message>
      <source>nll after log softmax is cross entropy</source>
      <translation>log_softmax 之后的 NLL 即交叉熵</translation>
    </message>
    <message>
      <source>regression losses compared</source>
      <translation>回归损失对比</translation>
    </message>
    <message>
      <source>triplet negative geometry</source>
      <translation>三元组负样本的几何</translation>
    </message>
  </context>
</TS>
