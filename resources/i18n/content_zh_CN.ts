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
    <message>
      <source>looks like probabilities (each sample sums to 1): CrossEntropyLoss expects logits and applies the softmax itself, so it would be applied twice</source>
      <translation>看起来是概率（每个样本之和为 1）：CrossEntropyLoss 需要 logits 并自己做 softmax，这样 softmax 会做两次</translation>
    </message>
    <message>
      <source>holds a zero vector: its cosine is 0/0 (torch clamps it)</source>
      <translation>含有零向量：它的余弦为 0/0（torch 会截断）</translation>
    </message>
    <message>
      <source>is all &gt;= 0: {name} expects log-probabilities (&lt;= 0), and these look like probabilities; apply log (or log_softmax to logits) first</source>
      <translation>全部 &gt;= 0：{name} 需要对数概率（&lt;= 0），而这些看起来是概率；请先取 log（或对 logits 做 log_softmax）</translation>
    </message>
    <message>
      <source>must be a regular nested list of numbers (every row the same length)</source>
      <translation>必须是规整的嵌套数字列表（每行长度相同）</translation>
    </message>
    <message>
      <source>is nested more than 32 levels deep</source>
      <translation>嵌套超过 32 层</translation>
    </message>
    <message>
      <source>must be a number, got {value}</source>
      <translation>必须是数字，得到的是 {value}</translation>
    </message>
    <message>
      <source>must be finite, got {v}</source>
      <translation>必须是有限值，得到的是 {v}</translation>
    </message>
    <message>
      <source>must be an integer, got {value}</source>
      <translation>必须是整数，得到的是 {value}</translation>
    </message>
    <message>
      <source>must fit in 64 bits, got {value}</source>
      <translation>必须能用 64 位表示，得到的是 {value}</translation>
    </message>
    <message>
      <source>must be true or false, got {value}</source>
      <translation>必须是 true 或 false，得到的是 {value}</translation>
    </message>
    <message>
      <source>must be {describe}, got {value}</source>
      <translation>必须 {describe}，得到的是 {value}</translation>
    </message>
    <message>
      <source>must be a finite number, got {value}</source>
      <translation>必须是有限的数字，得到的是 {value}</translation>
    </message>
    <message>
      <source>must fit in 64 bits</source>
      <translation>必须能用 64 位表示</translation>
    </message>
    <message>
      <source>must be finite, got {arr}</source>
      <translation>必须是有限值，得到的是 {arr}</translation>
    </message>
    <message>
      <source>must be an integer of 64 bits, got {arr}</source>
      <translation>必须是 64 位整数，得到的是 {arr}</translation>
    </message>
    <message>
      <source>PNG, SVG and PDF need the Qt figure writer (run main.py)</source>
      <translation>PNG、SVG 和 PDF 需要 Qt 绘图器（请运行 main.py）</translation>
    </message>
    <message>
      <source>give --vary or --optimizer, not both</source>
      <translation>请给出 --vary 或 --optimizer，不要同时给出</translation>
    </message>
    <message>
      <source>give --vary SLOT=START:STOP:FRAMES, --optimizer, or a recording's .json</source>
      <translation>请给出 --vary SLOT=START:STOP:FRAMES、--optimizer，或某次录制的 .json</translation>
    </message>
    <message>
      <source>animations need the Qt figure writer (run main.py)</source>
      <translation>动画需要 Qt 绘图器（请运行 main.py）</translation>
    </message>
    <message>
      <source>must be SLOT:START:STOP:NUM, got {text}</source>
      <translation>格式必须是 SLOT:START:STOP:NUM，得到的是 {text}</translation>
    </message>
    <message>
      <source>must be KEY=VALUE, got {assignment}</source>
      <translation>格式必须是 KEY=VALUE，得到的是 {assignment}</translation>
    </message>
    <message>
      <source>the value is too large or nested too deeply</source>
      <translation>该值过大或嵌套过深</translation>
    </message>
    <message>
      <source>unknown key {key}; use a parameter, an input or view.NAME</source>
      <translation>未知的键 {key}；请用参数名、输入名或 view.NAME</translation>
    </message>
    <message>
      <source>must be FILE.py:NAME, got {text}</source>
      <translation>格式必须是 FILE.py:NAME，得到的是 {text}</translation>
    </message>
    <message>
      <source>{name} defines no loss {name2}; it has {names}</source>
      <translation>{name} 中没有定义损失 {name2}；它定义了 {names}</translation>
    </message>
    <message>
      <source>unknown file type {suffix}; use {value}</source>
      <translation>未知的文件类型 {suffix}；请用 {value}</translation>
    </message>
    <message>
      <source>must end in .gif or .mp4, got {name}</source>
      <translation>必须以 .gif 或 .mp4 结尾，得到的是 {name}</translation>
    </message>
    <message>
      <source>must be in [0.1, 120], got {fps}</source>
      <translation>必须在 [0.1, 120] 内，得到的是 {fps}</translation>
    </message>
    <message>
      <source>START and STOP must be numbers and NUM an integer: {text}</source>
      <translation>START 和 STOP 必须是数字，NUM 必须是整数：{text}</translation>
    </message>
    <message>
      <source>{name} defines {names}: add :NAME</source>
      <translation>{name} 定义了 {names}：请加上 :NAME</translation>
    </message>
    <message>
      <source>must be in [1, {MAX_PIXELS}] pixels, got {v}</source>
      <translation>必须在 [1, {MAX_PIXELS}] 像素内，得到的是 {v}</translation>
    </message>
    <message>
      <source>must be in [16, 4096] pixels, got {v}</source>
      <translation>必须在 [16, 4096] 像素内，得到的是 {v}</translation>
    </message>
    <message>
      <source>{name} returns shape {shape} for a point; a scalar is due</source>
      <translation>{name} 对单个点返回形状 {shape}；应当返回标量</translation>
    </message>
    <message>
      <source>{name} returns shape {shape}; a scalar is due</source>
      <translation>{name} 返回形状 {shape}；应当返回标量</translation>
    </message>
    <message>
      <source>your loss raised {name}: {reason}</source>
      <translation>自定义损失抛出 {name}：「{reason}」</translation>
    </message>
    <message>
      <source>{name} changed since it was trusted; trust it again</source>
      <translation>{name} 在被信任之后已被修改；请重新信任它</translation>
    </message>
    <message>
      <source>{name} is not a Python file</source>
      <translation>{name} 不是 Python 文件</translation>
    </message>
    <message>
      <source>stopped (it may have crashed the interpreter)</source>
      <translation>已停止（可能使解释器崩溃了）</translation>
    </message>
    <message>
      <source>the worker running {name} {why}</source>
      <translation>运行 {name} 的工作进程{why}</translation>
    </message>
    <message>
      <source>{name} raised {name2} on import: {e}</source>
      <translation>导入 {name} 时抛出 {name2}：{e}</translation>
    </message>
    <message>
      <source>did not answer within {limit} s (a hang?); it was stopped</source>
      <translation>在 {limit} 秒内没有响应（卡住了？）；已被停止</translation>
    </message>
    <message>
      <source>cancelled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <source>{name} defines no loss: a function (input, target, **params) or an nn.Module subclass</source>
      <translation>{name} 没有定义损失：需要一个函数 (input, target, **params) 或 nn.Module 的子类</translation>
    </message>
    <message>
      <source>{name} defines no loss named {where}</source>
      <translation>{name} 中没有名为 {where} 的损失</translation>
    </message>
    <message>
      <source>{name} is not trusted as it is now; a recipe alone never runs code: run `main.py render --custom {where}:{where2} --trust ...` once, or open it in the window</source>
      <translation>{name} 的当前版本未被信任；仅凭配方绝不会运行代码：请运行一次 `main.py render --custom {where}:{where2} --trust ...`，或在窗口中打开它</translation>
    </message>
    <message>
      <source>{key}: a loss needs at least one argument without a default</source>
      <translation>{key}：损失函数至少需要一个没有默认值的参数</translation>
    </message>
    <message>
      <source>finite</source>
      <translation>为有限值</translation>
    </message>
    <message>
      <source>one of {values}</source>
      <translation>∈ {{{values}}}</translation>
    </message>
    <message>
      <source>in {left}{low}, {high}{right}</source>
      <translation>∈ {left}{low}, {high}{right}</translation>
    </message>
    <message>
      <source>CUDA is not available on this machine; use cpu or auto</source>
      <translation>本机没有可用的 CUDA；请用 cpu 或 auto</translation>
    </message>
    <message>
      <source>the explorer failed to evaluate {name} on this grid: {e}</source>
      <translation>探索器无法在此网格上计算 {name}：「{e}」</translation>
    </message>
    <message>
      <source>out of memory on {device} for {points} points; lower num or use cpu</source>
      <translation>{device} 计算 {points} 个点时内存不足；请减小 num 或改用 cpu</translation>
    </message>
    <message>
      <source>torch has no {r} kernel for {name} on {device}: {e}</source>
      <translation>torch 在 {device} 上没有 {name} 的 {r} 内核：「{e}」</translation>
    </message>
    <message>
      <source>CUDA failed: {e}</source>
      <translation>CUDA 出错：「{e}」</translation>
    </message>
    <message>
      <source>{name}: the data are written as {formats}</source>
      <translation>{name}：数据只能写成 {formats}</translation>
    </message>
    <message>
      <source>{path} holds {name}, not a recipe object</source>
      <translation>{path} 中是 {name}，而不是配方对象</translation>
    </message>
    <message>
      <source>cannot write {path}: {value}</source>
      <translation>无法写入 {path}：{value}</translation>
    </message>
    <message>
      <source>nothing was written to {path}</source>
      <translation>没有写入 {path}</translation>
    </message>
    <message>
      <source>cannot read {path}: {value}</source>
      <translation>无法读取 {path}：{value}</translation>
    </message>
    <message>
      <source>{path} is nested too deeply to be a recipe</source>
      <translation>{path} 嵌套过深，不可能是配方</translation>
    </message>
    <message>
      <source>an .npz written by render</source>
      <translation>由 render 写出的 .npz</translation>
    </message>
    <message>
      <source>{path} is not {what}: {split}</source>
      <translation>{path} 不是 {what}：{split}</translation>
    </message>
    <message>
      <source>{path} holds no recipe (not written by render)</source>
      <translation>{path} 中没有配方（不是由 render 写出的）</translation>
    </message>
    <message>
      <source>{directions} needs checkpoints(); {name} gives none</source>
      <translation>{directions} 需要 checkpoints()；{name} 没有提供</translation>
    </message>
    <message>
      <source>must end in .h5, got {out}</source>
      <translation>必须以 .h5 结尾，得到的是 {out}</translation>
    </message>
    <message>
      <source>figures need the Qt figure writer (run main.py)</source>
      <translation>图像需要 Qt 绘图器（请运行 main.py）</translation>
    </message>
    <message>
      <source>the checkpoints do not hold the same parameters</source>
      <translation>各检查点的参数不一致</translation>
    </message>
    <message>
      <source>pca needs at least {value} checkpoints, the file gives {path}</source>
      <translation>pca 至少需要 {value} 个检查点，文件只提供了 {path} 个</translation>
    </message>
    <message>
      <source>a checkpoint lacks the parameter {missing}</source>
      <translation>某个检查点缺少参数 {missing}</translation>
    </message>
    <message>
      <source>the model's parameters differ from the plan's</source>
      <translation>模型的参数与计划中的不一致</translation>
    </message>
    <message>
      <source>build_model() has no parameter that requires grad</source>
      <translation>build_model() 没有需要梯度的参数</translation>
    </message>
    <message>
      <source>no checkpoint {at}: give a file, or one of {names}</source>
      <translation>没有检查点 {at}：请给出一个文件，或以下之一：{names}</translation>
    </message>
    <message>
      <source>must end in .npz, got {n}</source>
      <translation>必须以 .npz 结尾，得到的是 {n}</translation>
    </message>
    <message>
      <source>{name}: must end in .png, .svg, .pdf</source>
      <translation>{name}：必须以 .png、.svg、.pdf 结尾</translation>
    </message>
    <message>
      <source>must be in [1, {n}], got {k}</source>
      <translation>必须在 [1, {n}] 内，得到的是 {k}</translation>
    </message>
    <message>
      <source>must be in (0, 1), got {tol}</source>
      <translation>必须在 (0, 1) 内，得到的是 {tol}</translation>
    </message>
    <message>
      <source>must be &gt; 0, got {rho}</source>
      <translation>必须 &gt; 0，得到的是 {rho}</translation>
    </message>
    <message>
      <source>must end in .json, got {name}</source>
      <translation>必须以 .json 结尾，得到的是 {name}</translation>
    </message>
    <message>
      <source>is not a Python file</source>
      <translation>不是 Python 文件</translation>
    </message>
    <message>
      <source>is not a state_dict</source>
      <translation>不是 state_dict</translation>
    </message>
    <message>
      <source>eval_data() must return (inputs, targets) tensors or an iterable of such pairs</source>
      <translation>eval_data() 必须返回 (inputs, targets) 张量，或由这样的对组成的可迭代对象</translation>
    </message>
    <message>
      <source>must define {missing} (see the example)</source>
      <translation>必须定义 {missing}（见示例）</translation>
    </message>
    <message>
      <source>reading .safetensors needs the safetensors package</source>
      <translation>读取 .safetensors 需要 safetensors 包</translation>
    </message>
    <message>
      <source>build_model() must return a torch.nn.Module, not {model}</source>
      <translation>build_model() 必须返回 torch.nn.Module，而不是 {model}</translation>
    </message>
    <message>
      <source>checkpoints(): no such file {missing}</source>
      <translation>checkpoints()：没有文件 {missing}</translation>
    </message>
    <message>
      <source>raised {name} on import: {value}</source>
      <translation>导入时抛出 {name}：{value}</translation>
    </message>
    <message>
      <source>cannot load weights: {value}</source>
      <translation>无法加载权重：{value}</translation>
    </message>
    <message>
      <source>{name}() raised {name2}: {value}</source>
      <translation>{name}() 抛出 {name2}：{value}</translation>
    </message>
    <message>
      <source>must be finite with LOW &lt; HIGH, got {text}</source>
      <translation>必须是有限值且 LOW &lt; HIGH，得到的是 {text}</translation>
    </message>
    <message>
      <source>each side must be in [2, {MAX_GRID}], got {text}</source>
      <translation>每边必须在 [2, {MAX_GRID}] 内，得到的是 {text}</translation>
    </message>
    <message>
      <source>the line between two checkpoints is 1-D: give --dims 1</source>
      <translation>两个检查点之间的直线是一维的：请给出 --dims 1</translation>
    </message>
    <message>
      <source>must be LOW:HIGH, got {text}</source>
      <translation>格式必须是 LOW:HIGH，得到的是 {text}</translation>
    </message>
    <message>
      <source>must be N or NXxNY, got {text}</source>
      <translation>格式必须是 N 或 NXxNY，得到的是 {text}</translation>
    </message>
    <message>
      <source>must be 1 or 2, got {dims}</source>
      <translation>必须是 1 或 2，得到的是 {dims}</translation>
    </message>
    <message>
      <source>must be one of {allowed}, got {value}</source>
      <translation>必须是 {allowed} 之一，得到的是 {value}</translation>
    </message>
    <message>
      <source>{name} cannot be read ({e}); delete it</source>
      <translation>无法读取 {name}（{e}）；请删除它</translation>
    </message>
    <message>
      <source>is not a landscape file of ours</source>
      <translation>不是本程序写出的损失地形文件</translation>
    </message>
    <message>
      <source>cannot be read: {e}</source>
      <translation>无法读取：{e}</translation>
    </message>
    <message>
      <source>{name} was made by an older version (accuracy as a fraction); choose another --out, or delete it to start again</source>
      <translation>{name} 由旧版本写出（准确率为小数）；请另选 --out，或删除它后重新开始</translation>
    </message>
    <message>
      <source>{name} is not a landscape file of ours</source>
      <translation>{name} 不是本程序写出的损失地形文件</translation>
    </message>
    <message>
      <source>{name} holds a landscape made with other settings ({diff}); choose another --out, or delete it to start again</source>
      <translation>{name} 中的损失地形是用其他设置算出的（{diff}）；请换一个 --out，或删除它重新开始</translation>
    </message>
    <message>
      <source>must be null or one of {ACTIVATIONS}, got {raw}</source>
      <translation>必须是 null 或 {ACTIVATIONS} 之一，得到的是 {raw}</translation>
    </message>
    <message>
      <source>{name} has no float input to activate</source>
      <translation>{name} 没有可施加激活函数的浮点输入</translation>
    </message>
    <message>
      <source>{raw} needs a class dim; the input is 0-dim</source>
      <translation>{raw} 需要类别维；而输入是 0 维的</translation>
    </message>
    <message>
      <source>shapes {value} differ; torch broadcasts them</source>
      <translation>形状 {value} 不同；torch 会对它们广播</translation>
    </message>
    <message>
      <source>must be a class index in [{lowest}, {c}), got {t}</source>
      <translation>必须是 [{lowest}, {c}) 内的类别索引，得到的是 {t}</translation>
    </message>
    <message>
      <source>ignores every target ({ignore}); the mean is 0/0 (NaN)</source>
      <translation>忽略了所有目标（{ignore}）；平均值为 0/0（NaN）</translation>
    </message>
    <message>
      <source>must be in [0, {c}), got {params}</source>
      <translation>必须在 [0, {c}) 内，得到的是 {params}</translation>
    </message>
    <message>
      <source>must be a class in [0, {c}), got {t}</source>
      <translation>必须是 [0, {c}) 内的类别，得到的是 {t}</translation>
    </message>
    <message>
      <source>a target label equals blank ({params})</source>
      <translation>有目标标签等于 blank（{params}）</translation>
    </message>
    <message>
      <source>must have one value per class ({c}), got {size}</source>
      <translation>必须每个类别一个值（{c} 个），得到的是 {size} 个</translation>
    </message>
    <message>
      <source>must stay -100 with probability targets, got {params}</source>
      <translation>目标为概率时必须保持为 -100，得到的是 {params}</translation>
    </message>
    <message>
      <source>must be in {limit}, got {lengths}</source>
      <translation>必须在 {limit} 内，得到的是 {lengths}</translation>
    </message>
    <message>
      <source>returns shape {shape}; a scalar loss is due</source>
      <translation>返回形状 {shape}；应当返回标量损失</translation>
    </message>
    <message>
      <source>torch's {name} refuses: {reason}</source>
      <translation>torch 的 {name} 拒绝计算：「{reason}」</translation>
    </message>
    <message>
      <source>must be a list of at most two axes (none: the one point)</source>
      <translation>必须是最多两个坐标轴的列表（为空：只算一个点）</translation>
    </message>
    <message>
      <source>must be an object with slot, start, stop, num</source>
      <translation>必须是含有 slot、start、stop、num 的对象</translation>
    </message>
    <message>
      <source>unknown axis field</source>
      <translation>未知的坐标轴字段</translation>
    </message>
    <message>
      <source>{text} is already swept by another axis</source>
      <translation>{text} 已被另一个坐标轴扫描</translation>
    </message>
    <message>
      <source>must be in [1, {MAX_AXIS_POINTS}], got {num}</source>
      <translation>必须在 [1, {MAX_AXIS_POINTS}] 内，得到的是 {num}</translation>
    </message>
    <message>
      <source>must be &gt; start ({start}), got {stop}</source>
      <translation>必须 &gt; start（{start}），得到的是 {stop}</translation>
    </message>
    <message>
      <source>the range [{start}, {stop}] is wider than a float can hold</source>
      <translation>范围 [{start}, {stop}] 超出了浮点数能表示的宽度</translation>
    </message>
    <message>
      <source>{text} must be {describe}, got [{start}, {stop}]</source>
      <translation>{text} 必须 {describe}，得到的是 [{start}, {stop}]</translation>
    </message>
    <message>
      <source>{text} leaves {describe}; torch computes it, but it is unusual</source>
      <translation>{text} 不再满足 {describe}；torch 仍会计算，但这不常见</translation>
    </message>
    <message>
      <source>{name} holds integers (class indices or lengths) and cannot be swept</source>
      <translation>{name} 存放的是整数（类别索引或长度），不能扫描</translation>
    </message>
    <message>
      <source>index {index} out of range for {name} of shape {shape}</source>
      <translation>索引 {index} 超出形状为 {shape} 的 {name} 的范围</translation>
    </message>
    <message>
      <source>the grid needs about {value} GiB for its results, more than the {value2} GiB budget; lower num or use a reduction</source>
      <translation>该网格的结果约需 {value} GiB，超过 {value2} GiB 的预算；请减小 num 或使用归约</translation>
    </message>
    <message>
      <source>the inputs hold {elements} numbers: even {value} grid points at once exceed the {value2} MiB chunk budget; use smaller inputs or fewer points</source>
      <translation>输入含 {elements} 个数：即使一次只算 {value} 个网格点也超过 {value2} MiB 的分块预算；请用更小的输入或更少的点</translation>
    </message>
    <message>
      <source>{points} grid points x {elements} input numbers is more than {MAX_WORK_ELEMENTS} evaluations; use smaller inputs or fewer points</source>
      <translation>{points} 个网格点 x {elements} 个输入数超过 {MAX_WORK_ELEMENTS} 次计算；请用更小的输入或更少的点</translation>
    </message>
    <message>
      <source>unknown recipe field</source>
      <translation>未知的配方字段</translation>
    </message>
    <message>
      <source>must be an object</source>
      <translation>必须是对象</translation>
    </message>
    <message>
      <source>the recipe is nested too deeply</source>
      <translation>配方嵌套过深</translation>
    </message>
    <message>
      <source>a recipe must be a JSON object, got {name}</source>
      <translation>配方必须是 JSON 对象，得到的是 {name}</translation>
    </message>
    <message>
      <source>must be 1 or {VERSION}, got {version}</source>
      <translation>必须是 1 或 {VERSION}，得到的是 {version}</translation>
    </message>
    <message>
      <source>unknown loss {name}; choose one of {CATALOG}</source>
      <translation>未知的损失 {name}；请从 {CATALOG} 中选择</translation>
    </message>
    <message>
      <source>but it is likely a mistake</source>
      <translation>但这很可能是个错误</translation>
    </message>
    <message>
      <source>torch warns: {message}</source>
      <translation>torch 警告：「{message}」</translation>
    </message>
    <message>
      <source>must be one of {DEVICES}, got {device}</source>
      <translation>必须是 {DEVICES} 之一，得到的是 {device}</translation>
    </message>
    <message>
      <source>must be one of {DTYPES}, got {dtype}</source>
      <translation>必须是 {DTYPES} 之一，得到的是 {dtype}</translation>
    </message>
    <message>
      <source> (deprecated, use reduction)</source>
      <translation>（已弃用，请用 reduction）</translation>
    </message>
    <message>
      <source>unknown parameter of {name}{hint}; known: {value}</source>
      <translation>{name} 没有这个参数{hint}；已知参数：{value}</translation>
    </message>
    <message>
      <source>but it is unusual</source>
      <translation>但这不常见</translation>
    </message>
    <message>
      <source>unknown input of {name}; known: {value}</source>
      <translation>{name} 没有这个输入；已知输入：{value}</translation>
    </message>
    <message>
      <source>the inputs hold more than {MAX_INPUT_ELEMENTS} numbers; use smaller inputs</source>
      <translation>输入含有超过 {MAX_INPUT_ELEMENTS} 个数；请用更小的输入</translation>
    </message>
    <message>
      <source>must be one of {value}, got {value2}</source>
      <translation>必须是 {value} 之一，得到的是 {value2}</translation>
    </message>
    <message>
      <source>must be one of {DISTANCES}, got {value}</source>
      <translation>必须是 {DISTANCES} 之一，得到的是 {value}</translation>
    </message>
    <message>
      <source>must be null, a number or a list of numbers, got {value}</source>
      <translation>必须是 null、数字或数字列表，得到的是 {value}</translation>
    </message>
    <message>
      <source>{name} is a forward argument: name one element, like {name}[0] ({name}[] if 0-dim)</source>
      <translation>{name} 是 forward 的参数：请指定一个元素，例如 {name}[0]（0 维时为 {name}[]）</translation>
    </message>
    <message>
      <source>must look like name[i,j], name[] or a parameter name, got {text}</source>
      <translation>格式必须像 name[i,j]、name[] 或参数名，得到的是 {text}</translation>
    </message>
    <message>
      <source>parameter {name} ({kind}) cannot be swept; float parameters and elements of tensor parameters can</source>
      <translation>参数 {name}（{kind}）不能扫描；浮点参数和张量参数的元素可以</translation>
    </message>
    <message>
      <source>unknown slot {name} for {name2}; use one of {names}</source>
      <translation>{name2} 没有变量 {name}；请用 {names} 之一</translation>
    </message>
    <message>
      <source>{name} is not set; give params.{name} a list first</source>
      <translation>{name} 未设置；请先给 params.{name} 一个列表</translation>
    </message>
    <message>
      <source> ({count} values)</source>
      <translation>（共 {count} 个值）</translation>
    </message>
    <message>
      <source>{values} is not {describe}{more}; torch computes it, {why}</source>
      <translation>{values} 不满足 {describe}{more}；torch 仍会计算，{why}</translation>
    </message>
    <message>
      <source>must be a list of loss names, got {compare}</source>
      <translation>必须是损失名称的列表，得到的是 {compare}</translation>
    </message>
    <message>
      <source>must be one of {COLORMAPS}, got {view}</source>
      <translation>必须是 {COLORMAPS} 之一，得到的是 {view}</translation>
    </message>
    <message>
      <source>unknown view field; known: {VIEW_DEFAULTS}</source>
      <translation>未知的视图字段；已知字段：{VIEW_DEFAULTS}</translation>
    </message>
    <message>
      <source>must be null or [low, high], got {lv}</source>
      <translation>必须是 null 或 [low, high]，得到的是 {lv}</translation>
    </message>
    <message>
      <source>low must be below high, got [{lo}, {hi}]</source>
      <translation>low 必须小于 high，得到的是 [{lo}, {hi}]</translation>
    </message>
    <message>
      <source>optimizer paths need one or two swept axes</source>
      <translation>优化器路径需要一个或两个扫描坐标轴</translation>
    </message>
    <message>
      <source>must be NAME:key=value,..., got {text}</source>
      <translation>格式必须是 NAME:key=value,...，得到的是 {text}</translation>
    </message>
    <message>
      <source>unknown optimizer {name}; use one of {OPTIMIZERS}</source>
      <translation>未知的优化器 {name}；请用 {OPTIMIZERS} 之一</translation>
    </message>
    <message>
      <source>give {own} coordinate(s), one per axis, got {start}</source>
      <translation>请给出 {own} 个坐标，每个坐标轴一个，得到的是 {start} 个</translation>
    </message>
    <message>
      <source>{text} is not a number, a tuple or true/false</source>
      <translation>{text} 不是数字、元组或 true/false</translation>
    </message>
    <message>
      <source>{name} has no setting {key}; it takes {known}</source>
      <translation>{name} 没有设置项 {key}；它接受 {known}</translation>
    </message>
    <message>
      <source>{name}: {key} must be finite, got {raw}</source>
      <translation>{name}：{key} 必须是有限值，得到的是 {raw}</translation>
    </message>
    <message>
      <source>give 1 to {MAX_OPTIMIZERS} optimizers, got {optimizers}</source>
      <translation>请给出 1 到 {MAX_OPTIMIZERS} 个优化器，得到的是 {optimizers}</translation>
    </message>
    <message>
      <source>must be in [1, {MAX_STEPS}], got {steps}</source>
      <translation>必须在 [1, {MAX_STEPS}] 内，得到的是 {steps}</translation>
    </message>
    <message>
      <source>must be {{optimizers, start, steps}}, got {raw}</source>
      <translation>必须是 {{optimizers, start, steps}}，得到的是 {raw}</translation>
    </message>
    <message>
      <source>must be X or X,Y, got {text}</source>
      <translation>格式必须是 X 或 X,Y，得到的是 {text}</translation>
    </message>
    <message>
      <source>{text}: torch.optim refuses: {e}</source>
      <translation>{text}：torch.optim 拒绝：「{e}」</translation>
    </message>
    <message>
      <source>must be X or X,Y, got {start}</source>
      <translation>格式必须是 X 或 X,Y，得到的是 {start}</translation>
    </message>
    <message>
      <source>must be finite, got {start}</source>
      <translation>必须是有限值，得到的是 {start}</translation>
    </message>
    <message>
      <source>{text} is a parameter of the loss; optimizer paths move forward arguments (sweep input[...] or another argument's element)</source>
      <translation>{text} 是损失的参数；优化器路径只移动 forward 的参数（请扫描 input[...] 或其他参数的元素）</translation>
    </message>
    <message>
      <source>{text} holds class indices; an optimizer needs a float slot</source>
      <translation>{text} 存放的是类别索引；优化器需要浮点变量</translation>
    </message>
    <message>
      <source>torch cannot differentiate here: {reason}</source>
      <translation>torch 无法在此处求导：「{reason}」</translation>
    </message>
    <message>
      <source>a recording has vary or paths, not both</source>
      <translation>一次录制只能有 vary 或 paths 之一</translation>
    </message>
    <message>
      <source>must be SLOT=START:STOP:FRAMES, got {text}</source>
      <translation>格式必须是 SLOT=START:STOP:FRAMES，得到的是 {text}</translation>
    </message>
    <message>
      <source>the slot must be params.NAME, params.NAME[i] or inputs.NAME[i,j], got {slot}</source>
      <translation>变量必须是 params.NAME、params.NAME[i] 或 inputs.NAME[i,j]，得到的是 {slot}</translation>
    </message>
    <message>
      <source>FRAMES must be in [2, {MAX_FRAMES}], got {frames}</source>
      <translation>FRAMES 必须在 [2, {MAX_FRAMES}] 内，得到的是 {frames}</translation>
    </message>
    <message>
      <source>the range [{start}, {stop}] is not finite</source>
      <translation>范围 [{start}, {stop}] 不是有限的</translation>
    </message>
    <message>
      <source>{slot}: the recipe has no {section}.{name}</source>
      <translation>{slot}：配方中没有 {section}.{name}</translation>
    </message>
    <message>
      <source>{slot} is swept by an axis, so every frame would be the same</source>
      <translation>{slot} 已被坐标轴扫描，每一帧都会一样</translation>
    </message>
    <message>
      <source>must be {{slot, start, stop, frames}}, got {raw}</source>
      <translation>必须是 {{slot, start, stop, frames}}，得到的是 {raw}</translation>
    </message>
    <message>
      <source>START, STOP must be numbers, FRAMES an integer: {text}</source>
      <translation>START、STOP 必须是数字，FRAMES 必须是整数：{text}</translation>
    </message>
    <message>
      <source>{slot}: no element {idx} in {section}.{name}</source>
      <translation>{slot}：{section}.{name} 中没有元素 {idx}</translation>
    </message>
    <message>
      <source>{name} {why} (sha256 {digest}…); running it runs its code: read it, then pass --trust</source>
      <translation>{name} {why}（sha256 {digest}…）；运行它就会执行其中的代码：请先阅读，再加上 --trust</translation>
    </message>
    <message>
      <source>no such file: {file}</source>
      <translation>没有这个文件：{file}</translation>
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
