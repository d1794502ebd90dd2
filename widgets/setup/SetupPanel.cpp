#include "widgets/setup/SetupPanel.h"

#include "widgets/OkabeIto.h"
#include "widgets/QtText.h"

#include "core/Error.h"

#include "core/data/DatasetCatalog.h"
#include "core/data/DatasetLoader.h"
#include "core/training/TeachingPresets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <algorithm>

namespace reciprocal::widgets {

namespace {

QComboBox* comboOf(const std::vector<std::string>& names, QWidget* parent)
{
    auto* combo = new QComboBox(parent);
    for (const std::string& name : names)
        combo->addItem(QString::fromStdString(name));
    return combo;
}

std::string textOf(const QComboBox* combo) { return combo->currentText().toStdString(); }

// The field's text as a number in [minimum, maximum], as the user's locale writes numbers or as C
// does; throws InputError naming the field.
double fieldNumber(const QLineEdit* field, const QString& label, double minimum, double maximum)
{
    const QString text = field->text().trimmed();
    bool ok = false;
    double value = QLocale().toDouble(text, &ok);
    if (!ok)
        value = QLocale::c().toDouble(text, &ok);
    if (!ok || !(value >= minimum && value <= maximum))
        throw InputError(QCoreApplication::translate("SetupPanel", "%1 '%2' is not a number from %3 to %4.")
                             .arg(label, text, QLocale().toString(minimum, 'g', 3), QLocale().toString(maximum, 'g', 3))
                             .toStdString());
    return value;
}

// The initialisation presets, each with its draw as tooltip.
QComboBox* initialisationCombo(QWidget* parent)
{
    auto* combo = comboOf(initialisationNames(), parent);
    for (int row = 0; row < combo->count(); ++row)
        combo->setItemData(row, qt(initialisationSummary(parseInitialisation(combo->itemText(row).toStdString()))),
                           Qt::ToolTipRole);
    return combo;
}

// The data sets, each with its one-line description as tooltip.
QComboBox* datasetCombo(QWidget* parent)
{
    auto* combo = new QComboBox(parent);
    for (const DatasetFacts& facts : allDatasets()) {
        combo->addItem(QString::fromStdString(facts.name));
        combo->setItemData(combo->count() - 1, QString::fromStdString(facts.description), Qt::ToolTipRole);
    }
    return combo;
}

} // namespace

SetupPanel::SetupPanel(QWidget* parent)
    : QWidget(parent)
    , m_dataset(datasetCombo(this))
    , m_directory(new QLineEdit(this))
    , m_browse(new QPushButton(tr("…"), this))
    , m_trainLimit(new QSpinBox(this))
    , m_architecture(new QLineEdit(this))
    , m_layerKind(comboOf(layerKindNames(), this))
    , m_initialisation(initialisationCombo(this))
    , m_mode(comboOf(trainModeNames(), this))
    , m_activation(comboOf(activationNames(), this))
    , m_bias(new QCheckBox(tr("Bias"), this))
    , m_optimizer(comboOf(optimizerNames(), this))
    , m_learningRate(new QLineEdit(this))
    , m_batch(new QSpinBox(this))
    , m_epochs(new QSpinBox(this))
    , m_seed(new QSpinBox(this))
    , m_sparsity(new QDoubleSpinBox(this))
    , m_penalties{new QLineEdit(this), new QLineEdit(this), new QLineEdit(this), new QLineEdit(this)}
    , m_samples(new QSpinBox(this))
    , m_noise(new QDoubleSpinBox(this))
    , m_classes(new QSpinBox(this))
    , m_testRatio(new QDoubleSpinBox(this))
    , m_dataSeed(new QSpinBox(this))
    , m_regenerate(new QPushButton(tr("Re&generate"), this))
    , m_form(new QFormLayout)
    , m_changes(new QLabel(this))
    , m_installHint(new QLabel(this))
{
    m_dataset->setToolTip(tr("Fashion-MNIST comes from Debian's dataset-fashion-mnist package; MNIST and "
                             "CIFAR-10 load from a folder with the official files; the 2-D sets are generated"));
    m_directory->setPlaceholderText(tr("folder with the data files"));
    m_browse->setToolTip(tr("Choose the folder holding the data set's files"));
    m_trainLimit->setRange(0, kMaxSampleLimit);
    m_trainLimit->setSpecialValueText(tr("all"));
    m_trainLimit->setToolTip(tr("Train on the first N samples only (quick demos)"));
    m_layerKind->setToolTip(tr("spectral2: two eigenvalue sets, W = phi (lam_in - lam_out)\n"
                               "spectral1: one set on the receiving nodes (Buffoni et al.)\n"
                               "qr: phi = R Q with Q frozen (qr-triangular: R lower-triangular);\n"
                               "ssvd: phi = U diag(s) V with U, V frozen\n"
                               "direct: W trained directly"));
    m_initialisation->setToolTip(tr("How the network's parameters are first drawn: the papers' presets "
                                    "(docs/theory.md); each item's tooltip gives its draw"));
    m_mode->setToolTip(tr("What training updates; can change mid-run, keeping the weights"));
    m_batch->setRange(1, 100000);
    m_epochs->setRange(1, 100000);
    m_epochs->setToolTip(tr("How many epochs one Play trains"));
    m_seed->setRange(0, 1000000000);
    m_seed->setToolTip(tr("Same seed, same initial network and batches: Reset replays a run exactly"));
    m_sparsity->setRange(0.0, 99.9);
    m_sparsity->setDecimals(1);
    m_sparsity->setSuffix(QStringLiteral(" %"));
    m_sparsity->setToolTip(tr("Dynamic sparse training: this share of every layer's smallest weights is "
                              "masked at every step (0 = dense)"));

    const QString penaltyNames[] = {tr("L1 on the eigenvalues: l1 sum |lambda|"),
                                    tr("L2 on the eigenvalues: l2 sum lambda^2"),
                                    tr("L1 on the eigenvectors: l1 sum |phi| (R of qr, s of ssvd)"),
                                    tr("L2 on the eigenvectors: l2 sum phi^2 (R of qr, s of ssvd)")};
    for (std::size_t k = 0; k < m_penalties.size(); ++k)
        m_penalties[k]->setAccessibleName(penaltyNames[k]);
    auto* penaltyBox = new QWidget(this);
    auto* penalties = new QGridLayout(penaltyBox);
    penalties->setContentsMargins(0, 0, 0, 0);
    penalties->addWidget(new QLabel(tr("L1"), penaltyBox), 0, 0);
    penalties->addWidget(new QLabel(tr("L2"), penaltyBox), 1, 0);
    penalties->addWidget(m_penalties[0], 0, 1);
    penalties->addWidget(m_penalties[1], 1, 1);
    penalties->addWidget(m_penalties[2], 0, 2);
    penalties->addWidget(m_penalties[3], 1, 2);
    penaltyBox->setToolTip(tr("Penalties added to the cross-entropy: left on the eigenvalues, right on the "
                              "eigenvectors"));

    // Named for tests and accessibility tools.
    m_directory->setObjectName(QStringLiteral("folder"));
    m_installHint->setObjectName(QStringLiteral("installHint"));
    m_samples->setObjectName(QStringLiteral("samples"));
    m_noise->setObjectName(QStringLiteral("noise"));
    m_classes->setObjectName(QStringLiteral("classes"));
    m_testRatio->setObjectName(QStringLiteral("testRatio"));
    m_dataSeed->setObjectName(QStringLiteral("dataSeed"));
    m_epochs->setObjectName(QStringLiteral("epochs"));
    m_samples->setRange(10, 1'000'000);
    m_samples->setToolTip(tr("Training samples drawn; the test set has this many times the test ratio"));
    m_noise->setRange(0.0, kMaxToyNoise);
    m_noise->setDecimals(3);
    m_noise->setSingleStep(0.01);
    m_noise->setToolTip(tr("Standard deviation of the Gaussian noise added to every coordinate"));
    m_classes->setRange(kMinToyClasses, kMaxToyClasses);
    m_classes->setToolTip(tr("Spiral arms or blob centres; circles and XOR have two classes"));
    m_testRatio->setRange(kMinToyTestRatio, kMaxToyTestRatio);
    m_testRatio->setSingleStep(0.05);
    m_testRatio->setToolTip(tr("Test samples per training sample"));
    m_dataSeed->setRange(0, 1'000'000'000);
    m_dataSeed->setToolTip(tr("Draws the points; Regenerate takes the next seed and starts a new session"));
    m_regenerate->setToolTip(tr("New points from the next data seed, and a new network"));
    auto* featureBox = new QWidget(this);
    auto* features = new QGridLayout(featureBox);
    features->setContentsMargins(0, 0, 0, 0);
    const auto all = allPlaneFeatures();
    for (std::size_t k = 0; k < all.size(); ++k) {
        auto* box = new QCheckBox(QString::fromLatin1(planeFeatureName(all[k])), featureBox);
        box->setToolTip(tr("An extra input computed from x1 and x2; the network's input width grows by one. The "
                           "playground shows its λ_in, a measure of how much the network uses it."));
        features->addWidget(box, static_cast<int>(k) / 2, static_cast<int>(k) % 2); // two across: fits 1024 pixels
        m_features.push_back(box);
    }
    auto* seedBox = new QWidget(this);
    auto* seedRow = new QHBoxLayout(seedBox);
    seedRow->setContentsMargins(0, 0, 0, 0);
    seedRow->addWidget(m_dataSeed, 1);
    seedRow->addWidget(m_regenerate);
    m_changes->setWordWrap(true);
    m_changes->setVisible(false);

    auto* directoryRow = new QHBoxLayout;
    directoryRow->addWidget(m_directory, 1);
    directoryRow->addWidget(m_browse);
    m_installHint->setWordWrap(true);
    m_installHint->setTextInteractionFlags(Qt::TextSelectableByMouse); // the command can be copied
    m_installHint->setText(tr("Fashion-MNIST is not installed here. Install Debian's package "
                              "(<tt>sudo apt install dataset-fashion-mnist</tt>), or choose a folder "
                              "with its four IDX files above."));
    QFormLayout* form = m_form;
    form->addRow(tr("Data set"), m_dataset);
    form->addRow(tr("Folder"), directoryRow);
    form->addRow(QString(), m_installHint);
    form->addRow(tr("Training samples"), m_trainLimit);
    form->addRow(tr("Samples"), m_samples);
    form->addRow(tr("Noise"), m_noise);
    form->addRow(tr("Classes"), m_classes);
    form->addRow(tr("Test ratio"), m_testRatio);
    form->addRow(tr("Features"), featureBox);
    form->addRow(tr("Data seed"), seedBox);
    form->addRow(tr("Architecture"), m_architecture);
    form->addRow(tr("Layer kind"), m_layerKind);
    form->addRow(tr("Initialisation"), m_initialisation);
    form->addRow(tr("Train"), m_mode);
    form->addRow(tr("Activation"), m_activation);
    form->addRow(QString(), m_bias);
    form->addRow(tr("Optimiser"), m_optimizer);
    form->addRow(tr("Learning rate"), m_learningRate);
    form->addRow(tr("Batch"), m_batch);
    form->addRow(tr("Epochs"), m_epochs);
    form->addRow(tr("Seed"), m_seed);
    form->addRow(tr("Sparsity"), m_sparsity);
    form->addRow(tr("Penalty λ | φ"), penaltyBox);
    auto* apply = new QPushButton(tr("&New session"), this);
    apply->setToolTip(tr("Start over with these settings: load the data set and draw a fresh network"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_changes);
    layout->addLayout(form);
    layout->addWidget(apply);
    layout->addStretch();

    setSettings(SessionSettings{});
    connect(apply, &QPushButton::clicked, this, &SetupPanel::newSessionRequested);
    connect(m_dataset, &QComboBox::currentTextChanged, this, [this] {
        applyDatasetDefaults();
        updateDirectoryState();
    });
    connect(m_regenerate, &QPushButton::clicked, this, [this] {
        m_dataSeed->setValue(m_dataSeed->value() + 1);
        Q_EMIT newSessionRequested();
    });
    for (QCheckBox* box : m_features)
        connect(box, &QCheckBox::toggled, this, &SetupPanel::adaptWidthsToDataset);
    // Every field that needs a new network re-marks the panel when it changes.
    connect(m_classes, &QSpinBox::valueChanged, this, [this](int classes) { m_chosenClasses = classes; });
    for (QSpinBox* box : {m_trainLimit, m_samples, m_classes, m_dataSeed, m_batch, m_seed})
        connect(box, &QSpinBox::valueChanged, this, &SetupPanel::markChanges);
    for (QDoubleSpinBox* box : {m_noise, m_testRatio, m_sparsity})
        connect(box, &QDoubleSpinBox::valueChanged, this, &SetupPanel::markChanges);
    connect(m_layerKind, &QComboBox::currentTextChanged, this, &SetupPanel::updateInitialisations);
    for (QComboBox* box : {m_dataset, m_layerKind, m_initialisation, m_activation})
        connect(box, &QComboBox::currentTextChanged, this, &SetupPanel::markChanges);
    for (QCheckBox* box : m_features)
        connect(box, &QCheckBox::toggled, this, &SetupPanel::markChanges);
    connect(m_bias, &QCheckBox::toggled, this, &SetupPanel::markChanges);
    connect(m_directory, &QLineEdit::textChanged, this, &SetupPanel::markChanges);
    connect(m_directory, &QLineEdit::textChanged, this, &SetupPanel::updateDirectoryState);
    for (QLineEdit* field : m_penalties) {
        connect(field, &QLineEdit::textChanged, this, &SetupPanel::checkPenalties);
        connect(field, &QLineEdit::textChanged, this, &SetupPanel::markChanges);
    }
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Data set folder"), m_directory->text());
        if (!folder.isEmpty())
            m_directory->setText(folder);
    });
    connect(m_optimizer, &QComboBox::currentTextChanged, this, [this] {
        // A rate the user chose stays; the old optimiser's default gives way to the new one's.
        const OptimizerKind kind = parseOptimizer(textOf(m_optimizer));
        try {
            if (learningRate() == defaultLearningRate(m_optimizerKind))
                m_learningRate->setText(QLocale().toString(defaultLearningRate(kind), 'g', 6));
        } catch (const InputError&) {
        }
        m_optimizerKind = kind;
        checkLearningRate();
        try {
            Q_EMIT optimizerChanged(optimizerSettings());
        } catch (const InputError&) { // marked on the field; the session keeps its rate
        }
    });
    connect(m_learningRate, &QLineEdit::editingFinished, this, [this] {
        checkLearningRate();
        try {
            Q_EMIT optimizerChanged(optimizerSettings());
        } catch (const InputError&) {
        }
    });
    connect(m_architecture, &QLineEdit::textChanged, this, [this] {
        checkArchitecture();
        markChanges();
    });
    connect(m_mode, &QComboBox::currentTextChanged, this,
            [this] { Q_EMIT trainModeChanged(parseTrainMode(textOf(m_mode))); });
    connect(m_epochs, &QSpinBox::editingFinished, this, [this] { Q_EMIT epochsChanged(m_epochs->value()); });
    updateDirectoryState();
}

void SetupPanel::updateDataRows()
{
    const DatasetFacts& facts = datasetFacts(textOf(m_dataset));
    // The features and the data seed sit in boxes of their own, with their buttons.
    for (QWidget* field : {static_cast<QWidget*>(m_samples), static_cast<QWidget*>(m_noise),
                           static_cast<QWidget*>(m_classes), static_cast<QWidget*>(m_testRatio),
                           m_features.front()->parentWidget(), m_dataSeed->parentWidget()})
        m_form->setRowVisible(field, facts.generated);
    m_form->setRowVisible(m_trainLimit, !facts.generated);
    m_classes->setEnabled(facts.classesChosen);
    showClasses();
}

void SetupPanel::showClasses()
{
    // Circles and XOR have two classes whatever was chosen for spirals and blobs, which is kept.
    const DatasetFacts& facts = datasetFacts(textOf(m_dataset));
    const QSignalBlocker quiet(m_classes);
    m_classes->setValue(facts.classesChosen ? m_chosenClasses : facts.outputWidth);
}

void SetupPanel::showSession(const std::optional<SessionSettings>& session)
{
    if (session == m_session)
        return;
    m_session = session;
    markChanges();
}

QStringList SetupPanel::changesNeedingANewNetwork() const
{
    if (!m_session)
        return {};
    SessionSettings shown;
    try {
        shown = settings();
    } catch (const InputError&) {
        return {}; // a field is marked as unusable; it says so itself
    }
    const SessionSettings& now = *m_session;
    const DatasetSpec& a = shown.dataset;
    const DatasetSpec& b = now.dataset;
    const bool generated = datasetFacts(a.name).generated;
    QStringList changed;
    const auto note = [&](bool differs, const QString& label) {
        if (differs)
            changed << label;
    };
    note(a.name != b.name, tr("Data set"));
    note(a.directory != b.directory, tr("Folder"));
    note(!generated && a.trainLimit != b.trainLimit, tr("Training samples"));
    note(generated && a.toySamples != b.toySamples, tr("Samples"));
    note(generated && a.toyNoise != b.toyNoise, tr("Noise"));
    note(generated && datasetFacts(a.name).classesChosen && a.toyClasses != b.toyClasses, tr("Classes"));
    note(generated && a.toyTestRatio != b.toyTestRatio, tr("Test ratio"));
    note(generated && a.toyFeatures != b.toyFeatures, tr("Features"));
    note(generated && a.seed != b.seed, tr("Data seed"));
    note(shown.architecture.widths != now.architecture.widths, tr("Architecture"));
    note(shown.architecture.layerKind != now.architecture.layerKind, tr("Layer kind"));
    note(shown.training.initialisation != now.training.initialisation, tr("Initialisation"));
    note(shown.architecture.activation != now.architecture.activation, tr("Activation"));
    note(shown.architecture.bias != now.architecture.bias, tr("Bias"));
    note(shown.training.batchSize != now.training.batchSize, tr("Batch"));
    note(shown.training.seed != now.training.seed, tr("Seed"));
    note(shown.training.sparsity != now.training.sparsity, tr("Sparsity"));
    note(shown.training.regularisation != now.training.regularisation, tr("Penalty λ | φ"));
    return changed;
}

void SetupPanel::markChanges()
{
    const QStringList changed = changesNeedingANewNetwork();
    for (int row = 0; row < m_form->rowCount(); ++row) {
        QLayoutItem* item = m_form->itemAt(row, QFormLayout::LabelRole);
        auto* label = item ? qobject_cast<QLabel*>(item->widget()) : nullptr;
        if (!label)
            continue;
        const QString name = label->text().remove(QStringLiteral(" ●"));
        const bool marked = changed.contains(name);
        label->setText(marked ? name + QStringLiteral(" ●") : name);
        label->setToolTip(marked ? tr("Changed: Play starts a new network with it") : QString());
    }
    m_bias->setText(changed.contains(tr("Bias")) ? tr("Bias ●") : tr("Bias"));
    m_changes->setVisible(!changed.isEmpty());
    m_changes->setText(tr("<b>Changed since this network was made:</b> %1. Play or New session starts a new "
                          "network with the marked fields; the optimiser, learning rate, trained group and "
                          "epochs apply at once.")
                           .arg(changed.join(QStringLiteral(", "))));
}

double SetupPanel::learningRate() const
{
    return fieldNumber(m_learningRate, tr("Learning rate"), minimumLearningRate, maximumLearningRate);
}

Regularisation SetupPanel::regularisation() const
{
    const auto penalty = [this](std::size_t k) {
        return fieldNumber(m_penalties[k], m_penalties[k]->accessibleName(), 0.0, maximumRegularisation);
    };
    return {penalty(0), penalty(1), penalty(2), penalty(3)};
}

void SetupPanel::checkPenalties()
{
    for (QLineEdit* field : m_penalties)
        checkField(field, [&] { fieldNumber(field, field->accessibleName(), 0.0, maximumRegularisation); },
                   tr("%1, added to the cross-entropy; 0 = none").arg(field->accessibleName()));
}

std::vector<int> SetupPanel::widths() const
{
    try {
        return parseWidths(m_architecture->text().trimmed().toStdString());
    } catch (const InputError& error) {
        throw InputError(tr("Architecture '%1': %2").arg(m_architecture->text(), QString::fromUtf8(error.what())).toStdString());
    }
}

void SetupPanel::checkLearningRate()
{
    checkField(m_learningRate, [this] { learningRate(); }, tr("Applies to the running session at once; e.g. 0.001 or 1e-3"));
}

void SetupPanel::checkArchitecture()
{
    checkField(m_architecture, [this] { widths(); }, tr("Node counts from input to output, e.g. 784-500-10"));
}

void SetupPanel::checkField(QLineEdit* field, const std::function<void()>& parse, const QString& help)
{
    QPalette colours = palette();
    try {
        parse();
        field->setToolTip(help);
    } catch (const InputError& error) {
        colours.setColor(QPalette::Text, okabeIto::vermillion);
        field->setToolTip(QString::fromUtf8(error.what()));
    }
    field->setPalette(colours);
}

OptimizerSettings SetupPanel::optimizerSettings() const
{
    OptimizerSettings settings;
    settings.kind = parseOptimizer(textOf(m_optimizer));
    settings.learningRate = learningRate();
    return settings;
}

SessionSettings SetupPanel::settings() const
{
    SessionSettings s;
    s.dataset.name = textOf(m_dataset);
    s.dataset.toySamples = m_samples->value();
    s.dataset.toyNoise = m_noise->value();
    s.dataset.toyClasses = m_chosenClasses;
    s.dataset.toyTestRatio = m_testRatio->value();
    const auto all = allPlaneFeatures();
    for (std::size_t k = 0; k < all.size(); ++k)
        if (m_features[k]->isChecked())
            s.dataset.toyFeatures.push_back(all[k]);
    s.dataset.directory = m_directory->isEnabled() ? m_directory->text().toStdString() : std::string();
    s.dataset.trainLimit = m_trainLimit->value();
    s.dataset.seed = static_cast<std::uint64_t>(m_dataSeed->value());
    s.architecture.widths = widths();
    s.architecture.layerKind = parseLayerKind(textOf(m_layerKind));
    s.architecture.activation = parseActivation(textOf(m_activation));
    s.architecture.bias = m_bias->isChecked();
    s.mode = parseTrainMode(textOf(m_mode));
    s.optimizer = optimizerSettings();
    s.training.batchSize = m_batch->value();
    s.training.seed = static_cast<std::uint64_t>(m_seed->value());
    s.training.sparsity = m_sparsity->value() / 100.0;
    s.training.initialisation = parseInitialisation(textOf(m_initialisation));
    s.training.regularisation = regularisation();
    s.epochs = m_epochs->value();
    return s;
}

void SetupPanel::setSettings(const SessionSettings& s)
{
    const QSignalBlocker datasetBlocker(m_dataset);
    const QSignalBlocker optimizerBlocker(m_optimizer);
    const QSignalBlocker modeBlocker(m_mode);
    m_dataset->setCurrentText(QString::fromStdString(s.dataset.name));
    m_directory->setText(QString::fromStdString(s.dataset.directory));
    m_trainLimit->setValue(s.dataset.trainLimit);
    m_samples->setValue(s.dataset.toySamples);
    m_noise->setValue(s.dataset.toyNoise);
    m_chosenClasses = s.dataset.toyClasses;
    showClasses();
    m_testRatio->setValue(s.dataset.toyTestRatio);
    const auto all = allPlaneFeatures();
    for (std::size_t k = 0; k < all.size(); ++k) {
        const QSignalBlocker quiet(m_features[k]);
        m_features[k]->setChecked(std::find(s.dataset.toyFeatures.begin(), s.dataset.toyFeatures.end(), all[k]) !=
                                  s.dataset.toyFeatures.end());
    }
    m_dataSeed->setValue(static_cast<int>(s.dataset.seed));
    m_architecture->setText(QString::fromStdString(s.architecture.widthsText()));
    m_layerKind->setCurrentText(qt(layerKindName(s.architecture.layerKind)));
    m_initialisation->setCurrentText(qt(initialisationName(s.training.initialisation)));
    updateInitialisations();
    m_activation->setCurrentText(qt(activationName(s.architecture.activation)));
    m_bias->setChecked(s.architecture.bias);
    m_mode->setCurrentText(qt(trainModeName(s.mode)));
    m_optimizer->setCurrentText(qt(optimizerName(s.optimizer.kind)));
    m_learningRate->setText(QLocale().toString(s.optimizer.learningRate, 'g', 6));
    m_optimizerKind = s.optimizer.kind;
    checkLearningRate();
    m_batch->setValue(s.training.batchSize);
    m_epochs->setValue(s.epochs);
    m_seed->setValue(static_cast<int>(s.training.seed));
    m_sparsity->setValue(100.0 * s.training.sparsity);
    const Regularisation& r = s.training.regularisation;
    const double penalties[] = {r.l1Eigenvalues, r.l2Eigenvalues, r.l1Eigenvectors, r.l2Eigenvectors};
    for (std::size_t k = 0; k < m_penalties.size(); ++k) {
        const QSignalBlocker quiet(m_penalties[k]);
        m_penalties[k]->setText(QLocale().toString(penalties[k], 'g', 6));
    }
    checkPenalties();
    m_presetShown = teachingPreset(s.dataset.name) != nullptr;
    updateDirectoryState();
    markChanges();
}

void SetupPanel::applyDatasetDefaults()
{
    const std::string dataset = textOf(m_dataset);
    const TeachingPreset* preset = teachingPreset(dataset);
    if (!preset && !m_presetShown) {
        adaptWidthsToDataset();
        return;
    }
    SessionSettings shown;
    try {
        shown = settings();
    } catch (const InputError&) {
        // a field the user is still typing in: the defaults stand in for it
    }
    const SessionSettings defaults;
    shown.dataset.name = dataset;
    shown.architecture.activation = preset ? preset->activation : defaults.architecture.activation;
    shown.architecture.bias = preset ? preset->bias : defaults.architecture.bias;
    shown.optimizer = preset ? OptimizerSettings{preset->optimizer, preset->learningRate} : defaults.optimizer;
    shown.training.batchSize = preset ? preset->batchSize : defaults.training.batchSize;
    shown.epochs = preset ? preset->epochs : defaults.epochs;
    shown.dataset.toySamples = preset ? preset->samples : defaults.dataset.toySamples;
    shown.dataset.toyNoise = preset ? preset->noise : defaults.dataset.toyNoise;
    shown.architecture.widths = preset ? presetWidths(*preset, shown.dataset) : defaults.architecture.widths;
    setSettings(shown);
    m_presetShown = preset != nullptr;
    if (!preset)
        adaptWidthsToDataset();
}

void SetupPanel::adaptWidthsToDataset()
{
    const DatasetFacts& facts = datasetFacts(textOf(m_dataset));
    if (facts.inputWidth == 0) // known only after loading
        return;
    Architecture architecture;
    try {
        architecture.widths = widths();
    } catch (const InputError&) {
        return; // the field is marked; the user's text stays as typed
    }
    architecture.widths.front() =
        facts.inputWidth + (facts.generated ? static_cast<int>(std::count_if(m_features.begin(), m_features.end(),
                                                                               [](const QCheckBox* box) {
                                                                                   return box->isChecked();
                                                                               }))
                                            : 0);
    architecture.widths.back() = facts.outputWidth;
    m_architecture->setText(QString::fromStdString(architecture.widthsText()));
}

void SetupPanel::updateDirectoryState()
{
    // Fashion-MNIST has a default folder (Debian's package) but may live elsewhere: without the
    // package the folder is what the user can act on.
    const std::string name = textOf(m_dataset);
    const bool installable = name == "fashion-mnist";
    const bool folder = datasetFacts(name).needsFolder || installable;
    m_directory->setEnabled(folder);
    m_browse->setEnabled(folder);
    m_directory->setPlaceholderText(installable ? tr("%1 (the installed package)").arg(QString::fromLatin1(kDefaultFashionMnistDirectory))
                                                : tr("folder with the data files"));
    const bool missing = installable && m_directory->text().isEmpty() && !QDir(QString::fromLatin1(kDefaultFashionMnistDirectory)).exists();
    m_form->setRowVisible(m_installHint, missing);
    updateDataRows();
}

void SetupPanel::updateInitialisations()
{
    const LayerKind kind = parseLayerKind(textOf(m_layerKind));
    auto* items = qobject_cast<QStandardItemModel*>(m_initialisation->model());
    for (int row = 0; row < m_initialisation->count(); ++row)
        items->item(row)->setEnabled(initialisationFits(parseInitialisation(m_initialisation->itemText(row).toStdString()), kind));
    if (!initialisationFits(parseInitialisation(textOf(m_initialisation)), kind))
        m_initialisation->setCurrentText(qt(initialisationName(Initialisation::Default)));
}

void SetupPanel::saveSettings() const
{
    QSettings store;
    store.beginGroup(QStringLiteral("setup"));
    store.setValue(QStringLiteral("dataset"), m_dataset->currentText());
    store.setValue(QStringLiteral("directory"), m_directory->text());
    store.setValue(QStringLiteral("trainLimit"), m_trainLimit->value());
    store.setValue(QStringLiteral("architecture"), m_architecture->text());
    store.setValue(QStringLiteral("layerKind"), m_layerKind->currentText());
    store.setValue(QStringLiteral("initialisation"), m_initialisation->currentText());
    store.setValue(QStringLiteral("mode"), m_mode->currentText());
    store.setValue(QStringLiteral("activation"), m_activation->currentText());
    store.setValue(QStringLiteral("bias"), m_bias->isChecked());
    store.setValue(QStringLiteral("optimizer"), m_optimizer->currentText());
    store.setValue(QStringLiteral("learningRate"), m_learningRate->text());
    store.setValue(QStringLiteral("batch"), m_batch->value());
    store.setValue(QStringLiteral("epochs"), m_epochs->value());
    store.setValue(QStringLiteral("seed"), m_seed->value());
    store.setValue(QStringLiteral("sparsity"), m_sparsity->value());
    QStringList penalties;
    for (const QLineEdit* field : m_penalties)
        penalties << field->text();
    store.setValue(QStringLiteral("penalties"), penalties);
    try {
        const DatasetSpec spec = settings().dataset;
        store.setValue(QStringLiteral("samples"), spec.toySamples);
        store.setValue(QStringLiteral("noise"), spec.toyNoise);
        store.setValue(QStringLiteral("classes"), spec.toyClasses);
        store.setValue(QStringLiteral("testRatio"), spec.toyTestRatio);
        store.setValue(QStringLiteral("features"), QString::fromStdString(planeFeaturesText(spec.toyFeatures)));
        store.setValue(QStringLiteral("dataSeed"), static_cast<int>(spec.seed));
    } catch (const InputError&) { // a field being typed: the generated data's settings wait for the next save
    }
}

void SetupPanel::restoreSettings()
{
    QSettings store;
    store.beginGroup(QStringLiteral("setup"));
    if (!store.contains(QStringLiteral("architecture")))
        return;
    const QSignalBlocker datasetBlocker(m_dataset);
    const QSignalBlocker optimizerBlocker(m_optimizer);
    const QSignalBlocker modeBlocker(m_mode);
    m_dataset->setCurrentText(store.value(QStringLiteral("dataset")).toString());
    m_directory->setText(store.value(QStringLiteral("directory")).toString());
    m_trainLimit->setValue(store.value(QStringLiteral("trainLimit")).toInt());
    m_architecture->setText(store.value(QStringLiteral("architecture")).toString());
    m_layerKind->setCurrentText(store.value(QStringLiteral("layerKind")).toString());
    m_initialisation->setCurrentText(store.value(QStringLiteral("initialisation"), QStringLiteral("default")).toString());
    updateInitialisations();
    m_mode->setCurrentText(store.value(QStringLiteral("mode")).toString());
    m_activation->setCurrentText(store.value(QStringLiteral("activation")).toString());
    m_bias->setChecked(store.value(QStringLiteral("bias")).toBool());
    m_optimizer->setCurrentText(store.value(QStringLiteral("optimizer")).toString());
    m_learningRate->setText(store.value(QStringLiteral("learningRate")).toString());
    m_optimizerKind = parseOptimizer(textOf(m_optimizer));
    checkLearningRate();
    m_batch->setValue(store.value(QStringLiteral("batch")).toInt());
    m_epochs->setValue(store.value(QStringLiteral("epochs")).toInt());
    m_seed->setValue(store.value(QStringLiteral("seed")).toInt());
    m_sparsity->setValue(store.value(QStringLiteral("sparsity")).toDouble());
    const QStringList penalties = store.value(QStringLiteral("penalties")).toStringList();
    for (std::size_t k = 0; k < m_penalties.size(); ++k)
        m_penalties[k]->setText(k < static_cast<std::size_t>(penalties.size()) ? penalties[static_cast<int>(k)]
                                                                              : QStringLiteral("0"));
    const DatasetSpec defaults;
    m_samples->setValue(store.value(QStringLiteral("samples"), defaults.toySamples).toInt());
    m_noise->setValue(store.value(QStringLiteral("noise"), defaults.toyNoise).toDouble());
    m_chosenClasses = std::clamp(store.value(QStringLiteral("classes"), defaults.toyClasses).toInt(), kMinToyClasses,
                                 kMaxToyClasses);
    showClasses();
    m_testRatio->setValue(store.value(QStringLiteral("testRatio"), defaults.toyTestRatio).toDouble());
    m_dataSeed->setValue(store.value(QStringLiteral("dataSeed"), 1).toInt());
    std::vector<PlaneFeature> features;
    try {
        features = parsePlaneFeatures(store.value(QStringLiteral("features")).toString().toStdString());
    } catch (const InputError&) { // an edited settings file: no extra features
    }
    const auto all = allPlaneFeatures();
    for (std::size_t k = 0; k < all.size(); ++k)
        m_features[k]->setChecked(std::find(features.begin(), features.end(), all[k]) != features.end());
    updateDirectoryState();
}

} // namespace reciprocal::widgets
