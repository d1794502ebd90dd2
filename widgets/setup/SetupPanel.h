#pragma once

#include "widgets/session/SessionSettings.h"

#include <QWidget>

#include <array>

#include <functional>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace reciprocal::widgets {

// The session's settings: data set (and for a generated set its samples, noise, classes, test
// ratio, extra input features and data seed), architecture, layer kind, initialisation, activation, optimiser,
// learning rate, batch, epochs, seed, sparsity and penalties. Optimiser, learning rate, trained group and
// epochs apply to the running session at once, keeping the weights. Every other field makes a new
// network: once it differs from the running session's, its label is marked and a note says that
// Play (or New session) starts a new network with it. Values are remembered between runs (QSettings).
class SetupPanel : public QWidget {
    Q_OBJECT

public:
    explicit SetupPanel(QWidget* parent = nullptr);

    // Throws InputError for settings that cannot work (e.g. a malformed architecture).
    SessionSettings settings() const;
    void setSettings(const SessionSettings& settings);
    void saveSettings() const;
    // The settings the running session's network was made with (none: no session), against which
    // the fields are marked.
    void showSession(const std::optional<SessionSettings>& session);
    // The labels of the fields that differ from the session's and need a new network; empty when
    // Play can go on with the running network.
    QStringList changesNeedingANewNetwork() const;
    void restoreSettings();

Q_SIGNALS:
    // New session, and Regenerate (the same settings with the next data seed).
    void newSessionRequested();
    void optimizerChanged(const reciprocal::OptimizerSettings& settings);
    void trainModeChanged(reciprocal::TrainMode mode);
    void epochsChanged(int epochs);

private:
    void adaptWidthsToDataset();
    // A generated set's teaching preset fills the fields; leaving such a set for another restores
    // the general defaults the preset replaced, other changes of set keep what the user chose.
    void applyDatasetDefaults();
    void updateDirectoryState();
    // Shows the generated-data rows for a generated set only.
    void updateDataRows();
    void showClasses();
    // Offers the initialisation presets the layer kind has; another kind's choice falls back to default.
    void updateInitialisations();
    void markChanges();
    // The field's text as the number or widths it stands for; throws InputError naming the field.
    double learningRate() const;
    Regularisation regularisation() const;
    std::vector<int> widths() const;
    // Marks a field whose text cannot be used (and says why in its tooltip) instead of changing it.
    void checkField(QLineEdit* field, const std::function<void()>& parse, const QString& help);
    void checkLearningRate();
    void checkPenalties();
    void checkArchitecture();
    OptimizerSettings optimizerSettings() const;

    QComboBox* m_dataset;
    QLineEdit* m_directory;
    QPushButton* m_browse;
    QSpinBox* m_trainLimit;
    QLineEdit* m_architecture;
    QComboBox* m_layerKind;
    QComboBox* m_initialisation;
    QComboBox* m_mode;
    QComboBox* m_activation;
    QCheckBox* m_bias;
    QComboBox* m_optimizer;
    QLineEdit* m_learningRate;
    OptimizerKind m_optimizerKind = OptimizerKind::Adam; // whose default rate a new kind replaces
    bool m_presetShown = false; // the fields hold a teaching preset
    QSpinBox* m_batch;
    QSpinBox* m_epochs;
    QSpinBox* m_seed;
    QDoubleSpinBox* m_sparsity;
    // L1 and L2 on the eigenvalues, L1 and L2 on the eigenvectors (Regularisation's order).
    std::array<QLineEdit*, 4> m_penalties;
    // Generated sets.
    QSpinBox* m_samples;
    QDoubleSpinBox* m_noise;
    QSpinBox* m_classes;
    int m_chosenClasses = DatasetSpec{}.toyClasses; // for spirals and blobs; m_classes shows a set's own
    QDoubleSpinBox* m_testRatio;
    std::vector<QCheckBox*> m_features; // one per PlaneFeature, in allPlaneFeatures() order
    QSpinBox* m_dataSeed;
    QPushButton* m_regenerate;
    QFormLayout* m_form;
    QLabel* m_changes; // which fields make a new network
    QLabel* m_installHint; // Fashion-MNIST not installed: how to get it, or where to point
    std::optional<SessionSettings> m_session;
};

} // namespace reciprocal::widgets
